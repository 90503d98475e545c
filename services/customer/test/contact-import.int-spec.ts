import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { customerEventsV1 } from '@crm/contracts';
import type { AccountRow } from '../src/db/account.entity';
import type { ImportReport } from '../src/import/import-report';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';
import { systemActor } from '@crm/platform/auth';

/** A valid unified social credit code for index i (check character per GB 32100-2015). */
function uscc(i: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `91440300${String(i).padStart(9, '0')}`;
  const sum = [...body].reduce((acc, ch, k) => acc + alphabet.indexOf(ch) * weights[k], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

const pad8 = (i: number): string => String(i).padStart(8, '0');
const seedActor = systemActor('seed');

interface GbkRow {
  company: string;
  taxId: string;
  name: string;
  title: string;
  phone: string;
  email: string;
  birthday: string;
  channel: string;
}

interface DirtyRow<R> {
  field: string;
  reason: RegExp;
  cell: Partial<R>;
}

// The GBK file, with Chinese headers: rows 0, 3, 6… find account A by tax id, rows 1, 4, 7… by its name written
// another way, rows 2, 5, 8… find account B by tax id. Dirty rows by position (0-based), each breaking one rule.
const GBK_ROWS = 1500;
const gbkDirty = new Map<number, DirtyRow<GbkRow>>([
  [7, { field: '统一社会信用代码', reason: /no account with tax id/, cell: { company: '', taxId: uscc(999) } }],
  [100, { field: '客户名称', reason: /no account named "不存在的公司"/, cell: { company: '不存在的公司' } }],
  [101, { field: '客户名称', reason: /2 accounts .*ambiguous/, cell: { company: '华南贸易有限公司', taxId: '' } }],
  [500, { field: '统一社会信用代码', reason: /no account .*recycle bin/, cell: { taxId: uscc(3) } }],
  [778, { field: '邮箱', reason: /email/, cell: { email: 'not-an-email' } }],
  [1200, { field: '生日', reason: /past date/, cell: { birthday: '2099-01-01' } }],
  [1499, { field: '姓名', reason: /required/, cell: { name: '' } }],
]);

function gbkRow(i: number): GbkRow {
  const byName = i % 3 === 1;
  const base: GbkRow = {
    company: byName ? '深圳测试零号科技股份有限公司' : '',
    taxId: byName ? '' : i % 3 === 0 ? uscc(1) : uscc(2).toLowerCase(),
    name: `联系人${i}`,
    title: '采购经理',
    phone: `139${pad8(i)}`,
    email: `contact${i}@example.cn`,
    birthday: i % 2 ? '1985年3月5日' : '1990/12/1',
    channel: i % 2 ? '邮件' : '手机',
  };
  return { ...base, ...(gbkDirty.get(i)?.cell ?? {}) };
}

function gbkFile(): Buffer {
  const lines = ['客户名称,统一社会信用代码,姓名,职位,手机,邮箱,生日,首选渠道'];
  for (let i = 0; i < GBK_ROWS; i++) {
    const r = gbkRow(i);
    lines.push([r.company, r.taxId, r.name, r.title, r.phone, r.email, r.birthday, r.channel].join(','));
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gbk');
}

// The UTF-8 file, with English headers and a BOM: even rows belong to account H1, odd rows to B, both by account id.
const UTF8_ROWS = 500;
const utf8Dirty = new Map<number, { field: string; reason: RegExp }>([
  [250, { field: 'account_id', reason: /no account with id/ }],
]);

function utf8File(ids: { h1: string; b: string }): Buffer {
  const lines = ['account_id,name,title,email,phone'];
  for (let j = 0; j < UTF8_ROWS; j++) {
    const accountId = utf8Dirty.has(j) ? randomUUID() : j % 2 ? ids.b : ids.h1;
    lines.push([accountId, `Contact ${j}`, 'Buyer', `u${j}@example.com`, `137${pad8(j)}`].join(','));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\n') + '\n', 'utf8')]);
}

const dirtyCount = gbkDirty.size + utf8Dirty.size;
const cleanCount = GBK_ROWS + UTF8_ROWS - dirtyCount;

describe('bulk import of contacts from CSV', () => {
  let h: CustomerHarness;
  let a: AccountRow;
  let b: AccountRow;
  let h1: AccountRow;
  let h2: AccountRow;

  async function createAccount(input: { name: string; taxId?: string }): Promise<AccountRow> {
    const { account } = await h.app.services.accounts.create(input, seedActor, 'override');
    if (!account) throw new Error(`account ${input.name} was not created`);
    return account;
  }

  beforeAll(async () => {
    h = await startCustomerHarness('customer_contact_import');
    a = await createAccount({ name: '深圳测试零号科技有限公司', taxId: uscc(1) });
    b = await createAccount({ name: 'Acme Trading Co., Ltd.', taxId: uscc(2) });
    // Two live accounts whose names normalize alike: a row naming either is ambiguous.
    h1 = await createAccount({ name: '华南贸易有限公司' });
    h2 = await createAccount({ name: '华南贸易（深圳）有限公司' });
    const deleted = await createAccount({ name: '已注销实业有限公司', taxId: uscc(3) });
    await h.app.services.accounts.softDelete(deleted.id, seedActor);
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function post(body: Buffer, query: string): Promise<{ status: number; report: ImportReport }> {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/imports/contacts?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${await h.token('admin1')}` },
      body: Readable.toWeb(Readable.from([body])) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit);
    return { status: res.status, report: (await res.json()) as ImportReport };
  }
  const importBoth = async (query: string): Promise<[ImportReport, ImportReport]> => [
    (await post(gbkFile(), query)).report,
    (await post(utf8File({ h1: h1.id, b: b.id }), query)).report,
  ];
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    ((await h.app.dataSource.query(sql, params)) as { n: number }[])[0].n;
  const contacts = (): Promise<number> => count('SELECT count(*)::int AS n FROM contacts');
  const outbox = (subject?: string): Promise<number> =>
    subject
      ? count('SELECT count(*)::int AS n FROM outbox_events WHERE subject = $1', [subject])
      : count('SELECT count(*)::int AS n FROM outbox_events');
  const contactByEmail = async (
    accountId: string,
    email: string,
  ): Promise<{ id: string; title: string; version: number; emails: string[] }> =>
    (
      (await h.app.dataSource.query(
        `SELECT id, title, version, emails FROM contacts WHERE account_id = $1 AND $2 = ANY(email_keys)`,
        [accountId, email],
      )) as { id: string; title: string; version: number; emails: string[] }[]
    )[0];

  it('a dry run reports every dirty row by number, column and reason, and changes nothing', async () => {
    const eventsBefore = await outbox();
    const gbk = await post(gbkFile(), 'dryRun=true&policy=skip&encoding=auto');
    const utf8 = await post(utf8File({ h1: h1.id, b: b.id }), 'dryRun=true&policy=skip');
    expect([gbk.status, utf8.status]).toEqual([200, 200]);
    expect(gbk.report).toMatchObject({
      dryRun: true,
      rowsRead: GBK_ROWS,
      created: GBK_ROWS - gbkDirty.size,
      failed: gbkDirty.size,
      skipped: 0,
      errorsTruncated: false,
    });
    expect(utf8.report).toMatchObject({ rowsRead: UTF8_ROWS, created: UTF8_ROWS - 1, failed: 1 });
    const expected = (dirty: Map<number, { field: string; reason: RegExp }>) =>
      [...dirty.entries()].map(([i, d]) => ({ row: i + 2, field: d.field, reason: expect.stringMatching(d.reason) }));
    expect(gbk.report.errors).toEqual(expected(gbkDirty));
    expect(utf8.report.errors).toEqual(expected(utf8Dirty));
    expect(await contacts()).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM import_fingerprints WHERE object_type = 'contact'`)).toBe(0);
    expect(await outbox()).toBe(eventsBefore);
  });

  it('applies both files: every clean row becomes a contact of its account with its contact.created event', async () => {
    const [gbk, utf8] = await importBoth('dryRun=false&policy=skip');
    expect(gbk).toMatchObject({ dryRun: false, created: GBK_ROWS - gbkDirty.size, failed: gbkDirty.size });
    expect(utf8).toMatchObject({ dryRun: false, created: UTF8_ROWS - 1, failed: 1 });
    expect(await contacts()).toBe(cleanCount);
    expect(await outbox('crm.customer.contact.created')).toBe(cleanCount);

    const perAccount = new Map<string, number>();
    for (let i = 0; i < GBK_ROWS; i++) {
      const id = i % 3 === 2 ? b.id : a.id;
      if (!gbkDirty.has(i)) perAccount.set(id, (perAccount.get(id) ?? 0) + 1);
    }
    for (let j = 0; j < UTF8_ROWS; j++) {
      const id = j % 2 ? b.id : h1.id;
      if (!utf8Dirty.has(j)) perAccount.set(id, (perAccount.get(id) ?? 0) + 1);
    }
    const rows = (await h.app.dataSource.query(
      `SELECT account_id, count(*)::int AS n FROM contacts GROUP BY account_id`,
    )) as { account_id: string; n: number }[];
    expect(new Map(rows.map((r) => [r.account_id, r.n]))).toEqual(perAccount);
    expect(perAccount.has(h2.id)).toBe(false);

    const [sample] = (await h.app.dataSource.query(
      `SELECT id, account_id, name, title, phones, phone_keys, emails, birthday::text, preferred_channel, version
         FROM contacts WHERE name = '联系人4'`,
    )) as { id: string }[];
    expect(sample).toEqual({
      id: expect.any(String),
      account_id: a.id,
      name: '联系人4',
      title: '采购经理',
      phones: ['+8613900000004'],
      phone_keys: ['+8613900000004'],
      emails: ['contact4@example.cn'],
      birthday: '1990-12-01',
      preferred_channel: 'phone',
      version: 1,
    });
    const [event] = (await h.app.dataSource.query(
      `SELECT payload FROM outbox_events WHERE subject = 'crm.customer.contact.created' AND aggregate_id = $1`,
      [sample.id],
    )) as { payload: Buffer }[];
    const created = customerEventsV1.ContactCreated.decode(event.payload);
    expect(created.contact).toMatchObject({ id: sample.id, accountId: a.id, name: '联系人4' });
    expect(created.metadata).toMatchObject({
      aggregateId: sample.id,
      aggregateVersion: '1',
      actorId: await h.userId('admin1'),
    });
  });

  it('re-running the same files changes nothing', async () => {
    const events = await outbox();
    const [gbk, utf8] = await importBoth('dryRun=false&policy=update');
    expect(gbk).toMatchObject({ created: 0, updated: 0, unchanged: GBK_ROWS - gbkDirty.size, failed: gbkDirty.size });
    expect(utf8).toMatchObject({ created: 0, updated: 0, unchanged: UTF8_ROWS - 1, failed: 1 });
    expect(await contacts()).toBe(cleanCount);
    expect(await outbox()).toBe(events);
    expect(await count('SELECT count(*)::int AS n FROM contacts WHERE version <> 1')).toBe(0);
  });

  it('handles duplicates by policy: skip leaves them, update changes them with events, create adds new contacts', async () => {
    const wangWu = await h.app.services.contacts.create({ accountId: a.id, name: '王五', title: '助理' }, seedActor);
    // Duplicates within account A by email, by phone only, and by name (neither side has an email or phone);
    // the last row shares an email with a contact of another account, so it is no duplicate.
    const file = (title: string, withOtherAccount: boolean) =>
      Buffer.from(
        [
          '统一社会信用代码,姓名,职位,手机,邮箱',
          `${uscc(1)},联系人0,${title},13900000000,CONTACT0@example.cn`,
          `${uscc(1)},联系人3,${title},139-0000-0003,new3@example.cn`,
          `${uscc(1)},王五,${title},,`,
          ...(withOtherAccount ? [`${uscc(2)},联系人0,${title},,contact0@example.cn`] : []),
        ].join('\n'),
        'utf8',
      );
    const contact0 = await contactByEmail(a.id, 'contact0@example.cn');
    const contact3 = await contactByEmail(a.id, 'contact3@example.cn');

    const skip = await post(file('总经理', true), 'dryRun=false&policy=skip');
    expect(skip.report).toMatchObject({ created: 1, skipped: 3, updated: 0, failed: 0 });
    expect(await contactByEmail(a.id, 'contact0@example.cn')).toMatchObject({ title: '采购经理', version: 1 });
    expect(await contactByEmail(b.id, 'contact0@example.cn')).toMatchObject({ title: '总经理', version: 1 });

    const updatedBefore = await outbox('crm.customer.contact.updated');
    const update = await post(file('总经理', true), 'dryRun=false&policy=update');
    expect(update.report).toMatchObject({ created: 0, updated: 3, unchanged: 1, skipped: 0 });
    expect(await contactByEmail(a.id, 'contact0@example.cn')).toMatchObject({ title: '总经理', version: 2 });
    expect(await contactByEmail(a.id, 'new3@example.cn')).toMatchObject({
      id: contact3.id,
      title: '总经理',
      version: 2,
      emails: ['new3@example.cn'],
    });
    expect(await h.app.services.contacts.get(wangWu.id, seedActor)).toMatchObject({ title: '总经理', version: 2 });
    const updatedEvents = (await h.app.dataSource.query(
      `SELECT aggregate_id FROM outbox_events WHERE subject = 'crm.customer.contact.updated' ORDER BY aggregate_id`,
    )) as { aggregate_id: string }[];
    expect(updatedEvents.length - updatedBefore).toBe(3);
    expect(updatedEvents.map((e) => e.aggregate_id)).toEqual([contact0.id, contact3.id, wangWu.id].sort());

    // A row equal to a contact entered by hand is a duplicate whose update changes nothing: no version, no event.
    const zhao = await h.app.services.contacts.create(
      { accountId: a.id, name: '赵六', emails: ['zhao@example.cn'], birthday: '1980-01-02', preferredChannel: 'email' },
      seedActor,
    );
    const same = await post(
      Buffer.from(`客户名称,姓名,邮箱,生日,首选渠道\n深圳测试零号科技有限公司,赵六,zhao@example.cn,1980-1-2,email\n`),
      'dryRun=false&policy=update',
    );
    expect(same.report).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await h.app.services.contacts.get(zhao.id, seedActor)).toMatchObject({ version: 1 });
    expect(await outbox('crm.customer.contact.updated')).toBe(updatedEvents.length);

    const create = await post(file('董事', false), 'dryRun=false&policy=create');
    expect(create.report).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE account_id = $1 AND name = '王五'`, [a.id])).toBe(
      2,
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM contacts WHERE account_id = $1 AND 'contact0@example.cn' = ANY(email_keys)`,
        [a.id],
      ),
    ).toBe(2);
  });

  it('shows in the dry run and the apply report which header went to which field, and why the others were ignored', async () => {
    const file = Buffer.from(
      `\uFEFF姓名,手机,微信号,所属客户,cf_hobby,手机,\r\n王五,13700001111,wx_ww,${a.name},篮球,13700002222,x\r\n`,
    );
    const read = (report: ImportReport) =>
      report.columns.map((c) => ({ header: c.header, field: c.field, ignored: c.ignored?.reason ?? null }));
    const expected = [
      { header: '姓名', field: 'name', ignored: null },
      { header: '手机', field: 'phones', ignored: null },
      { header: '微信号', field: null, ignored: 'unknown_header' },
      { header: '所属客户', field: 'accountName', ignored: null },
      { header: 'cf_hobby', field: null, ignored: 'no_custom_fields' },
      { header: '手机', field: null, ignored: 'duplicate_header' },
      { header: '', field: null, ignored: 'empty_header' },
    ];
    const dry = await post(file, 'dryRun=true&policy=create');
    expect(dry.status).toBe(200);
    expect(read(dry.report)).toEqual(expected);
    expect(dry.report.columns.every((c) => c.ignored === null || c.ignored.message.length > 0)).toBe(true);
    const applied = await post(file, 'dryRun=false&policy=create');
    expect(applied.report).toMatchObject({ created: 1, failed: 0 });
    expect(read(applied.report)).toEqual(expected);
  });

  it('refuses a bad encoding with a 400 naming the parameter', async () => {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/imports/contacts?encoding=latin1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.token('admin1')}` },
      body: 'name\nx\n',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'encoding' });
  });
});
