import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';
import type { ImportReport } from '../src/import/import-report';
import type { AccountImportReport } from '../src/import/account-import';

/** A valid unified social credit code for index i (check character per GB 32100-2015). */
function uscc(i: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91440300${String(i).padStart(9, '0')}`;
  const sum = [...body].reduce((acc, ch, k) => acc + alphabet.indexOf(ch) * weights[k], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

const ROWS = 10_000;
// Dirty rows, by their position in the data (0-based): each breaks one rule.
const dirty = new Map<number, { field: string; cell: Partial<Record<string, string>> }>([
  [17, { field: '邮箱', cell: { email: 'not-an-email' } }],
  [256, { field: '公司名称', cell: { name: '' } }],
  [4001, { field: '客户等级', cell: { grade: 'Z' } }],
  [7777, { field: '统一社会信用代码', cell: { tax: '91440300ABCDEFGH1X' } }],
  [9998, { field: '手机', cell: { phone: '12' } }],
]);

function csvFile(rows: number, rename: (i: number) => string = (i) => `深圳测试${i}号科技有限公司`): Buffer {
  const lines = ['公司名称,统一社会信用代码,行业,手机,邮箱,客户等级,标签'];
  for (let i = 0; i < rows; i++) {
    const base = {
      name: rename(i),
      tax: uscc(i),
      industry: i % 2 ? '制造业' : 'software',
      phone: `138${String(i).padStart(8, '0')}`,
      email: `buyer${i}@example.cn`,
      grade: 'ABC'[i % 3],
      tags: 'vip、华南',
    };
    const row = { ...base, ...(dirty.get(i)?.cell ?? {}) };
    lines.push([row.name, row.tax, row.industry, row.phone, row.email, row.grade, `"${row.tags}"`].join(','));
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
}

describe('bulk import of accounts from CSV', () => {
  let h: CustomerHarness;
  beforeAll(async () => {
    h = await startCustomerHarness('customer_import');
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function post(body: Buffer, query: string): Promise<{ status: number; report: ImportReport }> {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/imports/accounts?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${await h.token('admin1')}` },
      body: Readable.toWeb(Readable.from([body])) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit);
    return { status: res.status, report: (await res.json()) as ImportReport };
  }
  const count = async (sql: string) => (await h.app.dataSource.query(sql))[0].n as number;

  it('a dry run of a 10,000-row GBK file reports every dirty row by number and reason, and changes nothing', async () => {
    const { status, report } = await post(csvFile(ROWS), 'dryRun=true&policy=skip&encoding=auto');
    expect(status).toBe(200);
    expect(report).toMatchObject({
      dryRun: true,
      rowsRead: ROWS,
      created: ROWS - dirty.size,
      failed: dirty.size,
      skipped: 0,
    });
    expect(report.errors.map((e) => ({ row: e.row, field: e.field }))).toEqual(
      [...dirty.entries()].map(([i, d]) => ({ row: i + 2, field: d.field })),
    );
    expect(report.errors.every((e) => e.reason.length > 0)).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM accounts')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM outbox_events')).toBe(0);
  });

  it('applies the same file: every clean row becomes an account with its account.created event', async () => {
    const { report } = await post(csvFile(ROWS), 'dryRun=false&policy=skip');
    expect(report).toMatchObject({ dryRun: false, rowsRead: ROWS, created: ROWS - dirty.size, failed: dirty.size });
    expect(await count('SELECT count(*)::int AS n FROM accounts')).toBe(ROWS - dirty.size);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbox_events WHERE subject = 'crm.customer.account.created'`),
    ).toBe(ROWS - dirty.size);
    const [sample] = await h.app.dataSource.query(
      `SELECT name, phones, emails, tags, grade FROM accounts WHERE tax_id = $1`,
      [uscc(42)],
    );
    expect(sample).toEqual({
      name: '深圳测试42号科技有限公司',
      phones: ['+8613800000042'],
      emails: ['buyer42@example.cn'],
      tags: ['vip', '华南'],
      grade: 'A',
    });
  });

  it('re-running the same file changes nothing', async () => {
    const events = await count('SELECT count(*)::int AS n FROM outbox_events');
    const { report } = await post(csvFile(ROWS), 'dryRun=false&policy=update');
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: ROWS - dirty.size, failed: dirty.size });
    expect(await count('SELECT count(*)::int AS n FROM accounts')).toBe(ROWS - dirty.size);
    expect(await count('SELECT count(*)::int AS n FROM outbox_events')).toBe(events);
  });

  it('handles duplicates by policy: skip leaves them, update changes them, create adds new accounts', async () => {
    const renamed = csvFile(3, (i) => `深圳测试${i}号科技股份公司（新）`);
    // The dry run names, per row, the account it matches and the key that matched (tax id before email, phone, name).
    const preview = await post(renamed, 'dryRun=true&policy=skip');
    expect((preview.report as AccountImportReport).matches).toEqual(
      [0, 1, 2].map((i) => ({
        row: i + 2,
        accountId: expect.any(String),
        accountName: `深圳测试${i}号科技有限公司`,
        matchedOn: 'tax_id',
        outcome: 'skipped',
      })),
    );
    const skip = await post(renamed, 'dryRun=false&policy=skip');
    expect(skip.report).toMatchObject({ created: 0, skipped: 3, updated: 0 });

    const update = await post(renamed, 'dryRun=false&policy=update');
    expect(update.report).toMatchObject({ created: 0, updated: 3, matchesTruncated: false });
    expect((update.report as AccountImportReport).matches.map((m) => m.outcome)).toEqual([
      'updated',
      'updated',
      'updated',
    ]);
    const [row] = await h.app.dataSource.query(`SELECT name, version FROM accounts WHERE tax_id = $1`, [uscc(1)]);
    expect(row).toEqual({ name: '深圳测试1号科技股份公司（新）', version: 2 });

    const create = await post(
      csvFile(2, (i) => `Brand New ${i} Ltd`),
      'dryRun=false&policy=create',
    );
    expect(create.report).toMatchObject({ created: 2 });
    expect(await count(`SELECT count(*)::int AS n FROM accounts WHERE tax_id = '${uscc(0)}'`)).toBe(2);
  });

  it('refuses a bad policy with a 400 naming the parameter', async () => {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/imports/accounts?policy=merge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.token('admin1')}` },
      body: 'name\nx\n',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policy' });
  });
});
