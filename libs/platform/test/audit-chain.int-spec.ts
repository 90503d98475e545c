import { createHash } from 'node:crypto';
import { appendAudit, AUDIT_GENESIS_HASH, auditRowHash, verifyAuditChain, type AuditRecord } from '../src/audit';
import {
  appendMany,
  auditEntry,
  commitAudit,
  createAuditTestDatabase,
  tamper,
  type AuditTestDatabase,
} from './fixtures/audit-test-database';

describe('Audit log hash chain', () => {
  let db: AuditTestDatabase;

  beforeAll(async () => {
    db = await createAuditTestDatabase('audit_chain', 20);
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    await db.reset();
  });

  async function seqs(): Promise<number[]> {
    const rows: { seq: string }[] = await db.dataSource.query(`SELECT seq FROM audit_log ORDER BY seq`);
    return rows.map((row) => Number(row.seq));
  }

  async function storedHash(seq: number): Promise<string> {
    const [row]: { hash: string }[] = await db.dataSource.query(`SELECT hash FROM audit_log WHERE seq = $1`, [seq]);
    return row.hash;
  }

  describe('appending', () => {
    it('chains appended rows from the genesis hash, and the chain verifies', async () => {
      const [first] = await commitAudit(db.dataSource, auditEntry());
      const [second, third] = await commitAudit(db.dataSource, [
        auditEntry({ action: 'account.read_sensitive', changes: [], details: { fields: ['creditLimit'] } }),
        auditEntry({
          action: 'account.export',
          changes: [],
          details: { watermark: 'user-rep-1 2025-01-02T03:04:05Z' },
        }),
      ]);

      expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
      expect(first.prevHash).toBe(AUDIT_GENESIS_HASH);
      expect(second.prevHash).toBe(first.hash);
      expect(third.prevHash).toBe(second.hash);
      expect(await verifyAuditChain(db.dataSource)).toEqual({ ok: true, rows: 3, lastSeq: 3, lastHash: third.hash });
    });

    it('continues the chain across several appends in one transaction', async () => {
      const records = await db.dataSource.transaction(async (manager) => [
        ...(await appendAudit(manager, auditEntry({ action: 'account.update' }))),
        ...(await appendAudit(manager, auditEntry({ action: 'pool.claim', changes: [] }))),
      ]);

      expect(records.map((r) => [r.seq, r.action])).toEqual([
        [1, 'account.update'],
        [2, 'pool.claim'],
      ]);
      expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, rows: 2 });
    });

    it('stores who, what, when, before/after, request id, source IP and client', async () => {
      const occurredAt = new Date('2025-03-04T05:06:07.089Z');
      await commitAudit(
        db.dataSource,
        auditEntry({
          actor: { id: 'svc-erp', roles: ['finance'], clientId: 'crm-finance', sourceIp: '198.51.100.4' },
          requestId: 'req-42',
          entityId: 'account-9',
          changes: [
            { field: 'creditLimit', before: 1000, after: { amount: '2500.00', currency: 'EUR' } },
            { field: 'paymentTerms', before: undefined, after: 'NET30' },
          ],
          details: { reason: 'ERP sync', at: new Date('2025-03-04T05:00:00Z') },
          occurredAt,
        }),
      );

      const [row] = (await db.dataSource.query(`SELECT * FROM audit_log`)) as Record<string, unknown>[];
      expect(row).toMatchObject({
        seq: '1',
        occurred_at: occurredAt,
        actor_id: 'svc-erp',
        actor_roles: ['finance'],
        client_id: 'crm-finance',
        source_ip: '198.51.100.4',
        request_id: 'req-42',
        action: 'account.update',
        entity_type: 'Account',
        entity_id: 'account-9',
        changes: [
          { field: 'creditLimit', before: 1000, after: { amount: '2500.00', currency: 'EUR' } },
          { field: 'paymentTerms', before: null, after: 'NET30' },
        ],
        details: { reason: 'ERP sync', at: '2025-03-04T05:00:00.000Z' },
      });
    });

    it('hashes sha256(prev_hash || canonical JSON): column names, sorted keys, UTC millisecond time, explicit nulls', async () => {
      const [record] = await commitAudit(
        db.dataSource,
        auditEntry({
          actor: { id: 'user-rep-1', roles: ['sales-rep'] },
          requestId: null,
          changes: [{ field: 'name', before: 'Acme', after: 'Acme Ltd' }],
          details: { z: 1, a: { y: true, b: null } },
          occurredAt: new Date('2025-01-02T03:04:05.006Z'),
        }),
      );

      const canonical =
        '{"action":"account.update","actor_id":"user-rep-1","actor_roles":["sales-rep"],' +
        '"changes":[{"after":"Acme Ltd","before":"Acme","field":"name"}],"client_id":null,' +
        '"details":{"a":{"b":null,"y":true},"z":1},"entity_id":"account-1","entity_type":"Account",' +
        `"id":"${record.id}","occurred_at":"2025-01-02T03:04:05.006Z","request_id":null,"seq":1,"source_ip":null}`;
      expect(record.hash).toBe(
        createHash('sha256')
          .update(AUDIT_GENESIS_HASH + canonical)
          .digest('hex'),
      );
      expect(await storedHash(1)).toBe(record.hash);
    });

    it('stamps rows with the database clock, never decreasing along the chain', async () => {
      await appendMany(db.dataSource, 5);
      const rows: { occurred_at: Date }[] = await db.dataSource.query(`SELECT occurred_at FROM audit_log ORDER BY seq`);
      const times = rows.map((row) => row.occurred_at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('gives 50 concurrent transactions a gap-free seq and a valid chain', async () => {
      const appended = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          db.dataSource.transaction(async (manager) => {
            const [record] = await appendAudit(manager, auditEntry({ entityId: `account-${i}` }));
            // Hold the chain lock a moment, so that the others really queue behind it.
            await new Promise((resolve) => setTimeout(resolve, 2));
            return record;
          }),
        ),
      );

      expect(appended.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await seqs()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, rows: 50, lastSeq: 50 });
    });

    it('leaves no row and no gap for a transaction that rolled back, also among concurrent writers', async () => {
      await commitAudit(db.dataSource, auditEntry());
      await expect(
        db.dataSource.transaction(async (manager) => {
          await appendAudit(manager, auditEntry({ entityId: 'rolled-back' }));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          db.dataSource.transaction(async (manager) => {
            await appendAudit(manager, auditEntry({ entityId: `account-${i}` }));
            if (i % 3 === 0) throw new Error(`writer ${i} rolls back`);
          }),
        ),
      );
      await commitAudit(db.dataSource, auditEntry({ entityId: 'after' }));

      const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
      expect(committed).toBe(13);
      expect(await seqs()).toEqual(Array.from({ length: committed + 2 }, (_, i) => i + 1));
      const ids: { entity_id: string }[] = await db.dataSource.query(`SELECT entity_id FROM audit_log`);
      expect(ids.map((r) => r.entity_id)).not.toContain('rolled-back');
      expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, rows: committed + 2 });
    });

    it('is written only inside a READ COMMITTED transaction', async () => {
      await expect(appendAudit(db.dataSource.manager, auditEntry())).rejects.toThrow(/inside the caller's transaction/);
      await expect(
        db.dataSource.transaction('REPEATABLE READ', (manager) => appendAudit(manager, auditEntry())),
      ).rejects.toThrow(/READ COMMITTED/);
      expect(await seqs()).toEqual([]);
    });

    it('refuses malformed entries and the reserved audit.* actions', async () => {
      const append = (entry: Parameters<typeof auditEntry>[0]): Promise<AuditRecord[]> =>
        commitAudit(db.dataSource, auditEntry(entry));
      await expect(append({ action: 'Account Update' })).rejects.toThrow(/lower-case dotted verb/);
      await expect(append({ action: 'audit.purge' })).rejects.toThrow(/reserved/);
      await expect(append({ entityId: '' })).rejects.toThrow(/entityId is required/);
      await expect(append({ actor: { id: '' } })).rejects.toThrow(/actor.id is required/);
      expect(await seqs()).toEqual([]);
    });
  });

  describe('append-only, enforced by the database', () => {
    beforeEach(async () => {
      await appendMany(db.dataSource, 3);
    });

    it.each([
      ['UPDATE', `UPDATE audit_log SET changes = '[]' WHERE seq = 2`],
      ['DELETE', `DELETE FROM audit_log WHERE seq = 1`],
      ['TRUNCATE', `TRUNCATE audit_log`],
    ])('refuses %s', async (operation, sql) => {
      await expect(db.dataSource.query(sql)).rejects.toThrow(`audit_log is append-only: ${operation} is not allowed`);
      expect(await seqs()).toEqual([1, 2, 3]);
      expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, rows: 3 });
    });

    it('lets the purge bypass delete only the oldest rows, up to the seq it names', async () => {
      await expect(
        db.dataSource.transaction(async (manager) => {
          await manager.query(`SELECT set_config('crm.audit_purge_through_seq', '1', true)`);
          await manager.query(`DELETE FROM audit_log WHERE seq = 3`);
        }),
      ).rejects.toThrow('audit_log is append-only: DELETE is not allowed');
      await expect(
        db.dataSource.transaction(async (manager) => {
          await manager.query(`SELECT set_config('crm.audit_purge_through_seq', '3', true)`);
          await manager.query(`UPDATE audit_log SET action = 'account.read' WHERE seq = 1`);
        }),
      ).rejects.toThrow('audit_log is append-only: UPDATE is not allowed');
      expect(await seqs()).toEqual([1, 2, 3]);
    });
  });

  describe('tamper detection', () => {
    beforeEach(async () => {
      await appendMany(db.dataSource, 40);
    });

    it('detects a row hand-edited with the trigger disabled: hash_mismatch at that row', async () => {
      await tamper(
        db.dataSource,
        `UPDATE audit_log SET changes = '[{"field":"name","before":"name 36","after":"Evil Corp"}]' WHERE seq = 37`,
      );

      expect(await verifyAuditChain(db.dataSource)).toMatchObject({
        ok: false,
        rows: 36,
        firstBrokenSeq: 37,
        reason: 'hash_mismatch',
      });
    });

    it('reports the same first break whatever the batch size', async () => {
      await tamper(db.dataSource, `UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 37`);

      for (const batchSize of [1, 7, 36, 37, 40, 1000]) {
        expect(await verifyAuditChain(db.dataSource, { batchSize })).toMatchObject({
          ok: false,
          firstBrokenSeq: 37,
          reason: 'hash_mismatch',
        });
      }
    });

    it('detects a deleted middle row: seq_gap naming the missing seq', async () => {
      await tamper(db.dataSource, `DELETE FROM audit_log WHERE seq = 20`);

      expect(await verifyAuditChain(db.dataSource, { batchSize: 8 })).toMatchObject({
        ok: false,
        rows: 19,
        firstBrokenSeq: 20,
        reason: 'seq_gap',
      });
    });

    it('detects a forged row whose hash was recomputed: prev_hash_mismatch at the next row', async () => {
      const [row]: Record<string, unknown>[] = await db.dataSource.query(`SELECT * FROM audit_log WHERE seq = 37`);
      const forgedChanges = [{ field: 'name', before: 'name 36', after: 'Evil Corp' }];
      const forgedHash = auditRowHash(row.prev_hash as string, {
        seq: 37,
        id: row.id as string,
        occurred_at: row.occurred_at as Date,
        actor_id: row.actor_id as string,
        actor_roles: row.actor_roles as string[],
        client_id: row.client_id as string | null,
        source_ip: row.source_ip as string | null,
        request_id: row.request_id as string | null,
        action: row.action as string,
        entity_type: row.entity_type as string,
        entity_id: row.entity_id as string,
        changes: forgedChanges,
        details: row.details,
      });
      await tamper(db.dataSource, `UPDATE audit_log SET changes = $1, hash = $2 WHERE seq = 37`, [
        JSON.stringify(forgedChanges),
        forgedHash,
      ]);

      expect(await verifyAuditChain(db.dataSource)).toMatchObject({
        ok: false,
        rows: 37,
        firstBrokenSeq: 38,
        reason: 'prev_hash_mismatch',
      });
    });

    it('detects rows deleted from the start without a purge record', async () => {
      await tamper(db.dataSource, `DELETE FROM audit_log WHERE seq <= 5`);

      expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: false, firstBrokenSeq: 1, reason: 'seq_gap' });
    });

    it('verifies incrementally from a seq, trusting the row before it', async () => {
      await tamper(db.dataSource, `UPDATE audit_log SET request_id = 'forged' WHERE seq = 10`);

      expect(await verifyAuditChain(db.dataSource, { fromSeq: 11 })).toEqual({
        ok: true,
        rows: 30,
        lastSeq: 40,
        lastHash: await storedHash(40),
      });
      expect(await verifyAuditChain(db.dataSource, { fromSeq: 5 })).toMatchObject({
        ok: false,
        rows: 5,
        firstBrokenSeq: 10,
        reason: 'hash_mismatch',
      });
    });
  });
});
