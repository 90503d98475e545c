import { auditTrail, purgeAuditOlderThan, verifyAuditChain, type AuditActor, type AuditEntry } from '../src/audit';
import {
  auditEntry,
  commitAudit,
  createAuditTestDatabase,
  tamper,
  type AuditTestDatabase,
} from './fixtures/audit-test-database';

describe('Audit log retention', () => {
  const retentionJob: AuditActor = { id: 'svc-customer', roles: [], clientId: 'crm-services' };
  const cutoff = new Date('2024-01-01T00:00:00.000Z');
  let db: AuditTestDatabase;

  beforeAll(async () => {
    db = await createAuditTestDatabase('audit_retention');
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    await db.reset();
  });

  function datedEntries(dates: string[]): AuditEntry[] {
    return dates.map((date, i) => auditEntry({ entityId: `account-${i + 1}`, occurredAt: new Date(date) }));
  }

  /** Rows 1..10 from 2023, rows 11..15 from 2024. */
  async function appendOldAndNew(): Promise<void> {
    const old = Array.from({ length: 10 }, (_, i) => `2023-0${1 + (i % 9)}-15T10:00:00.000Z`);
    const recent = Array.from({ length: 5 }, (_, i) => `2024-0${1 + i}-15T10:00:00.000Z`);
    for (const entry of datedEntries([...old, ...recent])) await commitAudit(db.dataSource, entry);
  }

  function purge(at: Date): ReturnType<typeof purgeAuditOlderThan> {
    return db.dataSource.transaction((manager) =>
      purgeAuditOlderThan(manager, at, retentionJob, { requestId: 'retention-run' }),
    );
  }

  async function seqs(): Promise<number[]> {
    const rows: { seq: string }[] = await db.dataSource.query(`SELECT seq FROM audit_log ORDER BY seq`);
    return rows.map((row) => Number(row.seq));
  }

  it('deletes the rows older than the cutoff, records the purge as an audit row, and the rest still verifies', async () => {
    await appendOldAndNew();
    const [row10]: { hash: string }[] = await db.dataSource.query(`SELECT hash FROM audit_log WHERE seq = 10`);

    const result = await purge(cutoff);

    expect(result).toEqual({
      purgedRows: 10,
      purgeSeq: 16,
      details: {
        cutoff: '2024-01-01T00:00:00.000Z',
        purgedRows: 10,
        purgedFromSeq: 1,
        purgedThroughSeq: 10,
        purgedThroughHash: row10.hash,
      },
    });
    expect(await seqs()).toEqual([11, 12, 13, 14, 15, 16]);
    const { items } = await auditTrail(db.dataSource, { action: 'audit.purge' });
    expect(items).toEqual([
      expect.objectContaining({
        seq: 16,
        actor: { id: 'svc-customer', roles: [], clientId: 'crm-services', sourceIp: null },
        requestId: 'retention-run',
        entityType: 'audit_log',
        entityId: 'audit_log',
        changes: [],
        details: result.details,
      }),
    ]);
    expect(await verifyAuditChain(db.dataSource, { batchSize: 4 })).toMatchObject({ ok: true, rows: 6, lastSeq: 16 });
  });

  it('keeps the chain verifiable through repeated purges, even one that deletes every earlier row', async () => {
    await appendOldAndNew();
    await purge(cutoff);
    await commitAudit(db.dataSource, auditEntry());

    const second = await purge(new Date(Date.now() + 60_000));

    expect(second).toMatchObject({ purgedRows: 7, purgeSeq: 18, details: { purgedFromSeq: 11, purgedThroughSeq: 17 } });
    expect(await seqs()).toEqual([18]);
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, rows: 1, lastSeq: 18 });
    await commitAudit(db.dataSource, auditEntry());
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, rows: 2, lastSeq: 19 });
  });

  it('deletes only the oldest run of rows: nothing at or after the first row dated on or after the cutoff', async () => {
    for (const entry of datedEntries([
      '2023-05-01T00:00:00.000Z',
      '2023-06-01T00:00:00.000Z',
      '2024-02-01T00:00:00.000Z',
      '2023-07-01T00:00:00.000Z', // back-dated (an import), but it follows a newer row
    ])) {
      await commitAudit(db.dataSource, entry);
    }

    expect(await purge(cutoff)).toMatchObject({ purgedRows: 2, details: { purgedThroughSeq: 2 } });
    expect(await seqs()).toEqual([3, 4, 5]);
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, rows: 3 });
  });

  it('writes nothing when no row is old enough (retention is unlimited unless a service purges)', async () => {
    await commitAudit(db.dataSource, datedEntries(['2024-05-01T00:00:00.000Z']));

    expect(await purge(cutoff)).toEqual({ purgedRows: 0, purgeSeq: null, details: null });
    expect(await seqs()).toEqual([1]);
  });

  it('closes the bypass again within the purging transaction', async () => {
    await appendOldAndNew();

    await expect(
      db.dataSource.transaction(async (manager) => {
        await purgeAuditOlderThan(manager, cutoff, retentionJob);
        await manager.query(`DELETE FROM audit_log WHERE seq = 11`);
      }),
    ).rejects.toThrow('audit_log is append-only: DELETE is not allowed');
    expect(await seqs()).toHaveLength(15);
  });

  it('detects a purge record whose anchor was altered', async () => {
    await appendOldAndNew();
    await purge(cutoff);

    await tamper(
      db.dataSource,
      `UPDATE audit_log SET details = jsonb_set(details, '{purgedThroughHash}', to_jsonb(repeat('f', 64)))
        WHERE action = 'audit.purge'`,
    );

    expect(await verifyAuditChain(db.dataSource)).toMatchObject({
      ok: false,
      firstBrokenSeq: 11,
      reason: 'prev_hash_mismatch',
    });
  });

  it('detects rows deleted beyond what the purge recorded', async () => {
    await appendOldAndNew();
    await purge(cutoff);

    await tamper(db.dataSource, `DELETE FROM audit_log WHERE seq IN (11, 12)`);

    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: false, firstBrokenSeq: 11, reason: 'seq_gap' });
  });
});
