import { randomUUID } from 'node:crypto';
import { describeWithKeycloak } from '@crm/testing';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

interface CsvExport {
  status: number;
  watermarkHeader: string | null;
  contentType: string | null;
  raw: string;
  watermark: string;
  header: string[];
  rows: Record<string, string>[];
}

describeWithKeycloak('CSV export of accounts', () => {
  let h: CustomerHarness;
  const ids = { east: randomUUID(), eastTerms: randomUUID(), south: randomUUID(), pool: randomUUID() };

  async function insertAccount(
    id: string,
    name: string,
    ownerId: string | null,
    teamId: string | null,
    extra = '',
  ): Promise<void> {
    await h.app.dataSource.query(
      `INSERT INTO accounts (id, name, name_key, lifecycle_stage, owner_id, team_id, grade, created_by, created_at, updated_by, updated_at)
       VALUES ($1, $2, lower($2), 'customer', $3, $4, 'A', 'test', now(), 'test', now())`,
      [id, name, ownerId, teamId],
    );
    if (extra) await h.app.dataSource.query(`UPDATE accounts SET ${extra} WHERE id = $1`, [id]);
  }

  async function exportCsv(as: string | null, query = ''): Promise<CsvExport> {
    const headers: Record<string, string> = as ? { authorization: `Bearer ${await h.token(as)}` } : {};
    const response = await fetch(`http://127.0.0.1:${h.app.httpPort}/exports/accounts.csv${query}`, { headers });
    const raw = Buffer.from(await response.arrayBuffer()).toString('utf8');
    const lines = raw
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    const [watermark = '', headerLine = '', ...body] = lines;
    const header = headerLine.split(',');
    return {
      status: response.status,
      watermarkHeader: response.headers.get('x-export-watermark'),
      contentType: response.headers.get('content-type'),
      raw,
      watermark,
      header,
      rows: body.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell]))),
    };
  }

  beforeAll(async () => {
    h = await startCustomerHarness('account_export');
    const rep = await h.userId('rep.east1');
    await insertAccount(ids.east, 'Export East Machinery', rep, 'sales-east');
    await insertAccount(
      ids.eastTerms,
      'Export East Textiles',
      rep,
      'sales-east',
      `credit_limit = 500000, credit_currency = 'CNY', payment_terms = 'NET60', bank_name = 'ICBC', bank_account = '6222020000000001'`,
    );
    await insertAccount(
      ids.south,
      'Export South Foods',
      await h.userId('rep.south1'),
      'sales-south',
      `credit_limit = 1000, credit_currency = 'CNY'`,
    );
    await insertAccount(ids.pool, 'Export Pool Hardware', null, null, `bank_name = 'CCB'`);
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('gives a manager the accounts of their team and the pool, watermarked with their name and audited', async () => {
    const manager = await h.userId('manager.east');
    const file = await exportCsv('manager.east');
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.raw.startsWith('\uFEFF# Exported by manager.east')).toBe(true);
    expect(file.watermark).toMatch(
      new RegExp(
        `^# Exported by manager\\.east \\(${manager}\\) at \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z — confidential, watermark [0-9a-f-]{36}$`,
      ),
    );
    const exportId = /watermark ([0-9a-f-]{36})$/.exec(file.watermark)![1];
    expect(file.watermarkHeader).toContain(`export=${exportId}; user=manager.east; id=${manager}; at=`);
    expect(file.rows.map((r) => r.id).sort()).toEqual([ids.east, ids.eastTerms, ids.pool].sort());
    // Sensitive values on the team's rows only: the pool's bank data is not the manager's to read.
    const byId = new Map(file.rows.map((r) => [r.id, r]));
    expect(byId.get(ids.eastTerms)).toMatchObject({
      creditLimit: '500000.00',
      creditCurrency: 'CNY',
      bankName: 'ICBC',
    });
    expect(byId.get(ids.pool)?.bankName).toBe('');

    const [row] = (await h.app.dataSource.query(
      `SELECT actor_id, entity_id, details FROM audit_log WHERE action = 'account.export' AND details->>'exportId' = $1`,
      [exportId],
    )) as { actor_id: string; entity_id: string; details: Record<string, unknown> }[];
    expect(row).toMatchObject({
      actor_id: manager,
      entity_id: exportId,
      details: { rows: 3, complete: true, format: 'csv' },
    });
    expect(row.details.filter).toEqual({ search: null, grades: [], owners: [] });
  });

  it('applies the search, grade and owner filters and records them', async () => {
    const rep = await h.userId('rep.east1');
    const file = await exportCsv('manager.east', `?search=textiles&grade=A&owner=${rep}`);
    expect(file.rows.map((r) => r.id)).toEqual([ids.eastTerms]);
    const exportId = /watermark ([0-9a-f-]{36})$/.exec(file.watermark)![1];
    const [row] = (await h.app.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'account.export' AND details->>'exportId' = $1`,
      [exportId],
    )) as {
      details: Record<string, unknown>;
    }[];
    expect(row.details).toMatchObject({ rows: 1, filter: { search: 'textiles', grades: ['A'], owners: [rep] } });
    expect((await exportCsv('manager.east', '?grade=Z')).status).toBe(400);
  });

  it('gives finance every account with the sensitive columns', async () => {
    const file = await exportCsv('finance1');
    expect(file.status).toBe(200);
    expect(file.header).toEqual(
      expect.arrayContaining(['creditLimit', 'paymentTerms', 'bankName', 'bankAccount', 'taxRegistration']),
    );
    const byId = new Map(file.rows.map((r) => [r.id, r]));
    expect(byId.size).toBe(4);
    expect(byId.get(ids.eastTerms)).toMatchObject({
      creditLimit: '500000.00',
      paymentTerms: 'NET60',
      bankAccount: '6222020000000001',
    });
    expect(byId.get(ids.south)?.creditLimit).toBe('1000.00');
    expect(byId.get(ids.pool)?.bankName).toBe('CCB');
  });

  it('refuses reps and auditors (403) and callers without a token (401), and audits nothing for them', async () => {
    const before = Number(
      (
        (await h.app.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'account.export%'`)) as {
          n: string;
        }[]
      )[0].n,
    );
    for (const user of ['rep.east1', 'auditor1']) {
      const file = await exportCsv(user);
      expect(file.status).toBe(403);
      expect(JSON.parse(file.raw)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect((await exportCsv(null)).status).toBe(401);
    const after = Number(
      (
        (await h.app.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'account.export%'`)) as {
          n: string;
        }[]
      )[0].n,
    );
    expect(after).toBe(before);
  });

  it('streams a 3,000-account export completely, page by page', async () => {
    await h.app.dataSource.query(
      `INSERT INTO accounts (id, name, name_key, lifecycle_stage, owner_id, team_id, grade, created_by, created_at, updated_by, updated_at)
       SELECT gen_random_uuid(), 'Bulk Export ' || lpad(n::text, 5, '0'), 'bulk export ' || lpad(n::text, 5, '0'), 'prospect',
              NULL, 'sales-south', 'B', 'test', now(), 'test', now()
         FROM generate_series(1, 3000) AS n`,
    );
    const file = await exportCsv('admin1', '?grade=B');
    expect(file.status).toBe(200);
    expect(file.rows).toHaveLength(3000);
    expect(new Set(file.rows.map((r) => r.id)).size).toBe(3000);
    expect(file.rows[0].name).toBe('Bulk Export 00001');
    expect(file.rows[2999].name).toBe('Bulk Export 03000');
    expect(file.raw.endsWith('\r\n')).toBe(true);
    const exportId = /watermark ([0-9a-f-]{36})$/.exec(file.watermark)![1];
    const [row] = (await h.app.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'account.export' AND details->>'exportId' = $1`,
      [exportId],
    )) as {
      details: Record<string, unknown>;
    }[];
    expect(row.details).toMatchObject({ rows: 3000, complete: true });
  }, 60_000);

  it('audits the start before the first byte, so an export the client cuts off midway is on record', async () => {
    const manager = await h.userId('manager.east');
    // Hold the table so the export stalls after its first line, as a long export is midway when the client leaves.
    const blocker = h.app.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE');
    const abort = new AbortController();
    let exportId: string;
    try {
      const response = await fetch(`http://127.0.0.1:${h.app.httpPort}/exports/accounts.csv?grade=A`, {
        headers: { authorization: `Bearer ${await h.token('manager.east')}` },
        signal: abort.signal,
      });
      expect(response.status).toBe(200);
      exportId = /export=([0-9a-f-]{36});/.exec(response.headers.get('x-export-watermark') ?? '')![1];
      const started = (await h.app.dataSource.query(
        `SELECT actor_id, details FROM audit_log WHERE action = 'account.export_start' AND details->>'exportId' = $1`,
        [exportId],
      )) as { actor_id: string; details: Record<string, unknown> }[];
      expect(started).toEqual([
        {
          actor_id: manager,
          details: expect.objectContaining({
            exportId,
            filter: { search: null, grades: ['A'], owners: [] },
            watermark: expect.stringContaining(`watermark ${exportId}`),
          }),
        },
      ]);
      abort.abort();
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    // The service outlives the disconnect and records how far the export got.
    let ended: { details: Record<string, unknown> }[] = [];
    for (let i = 0; i < 50 && !ended.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ended = await h.app.dataSource.query(
        `SELECT details FROM audit_log WHERE action = 'account.export' AND details->>'exportId' = $1`,
        [exportId],
      );
    }
    expect(ended).toHaveLength(1);
    expect(ended[0].details).toMatchObject({ complete: false, rows: 0 });
  });
});
