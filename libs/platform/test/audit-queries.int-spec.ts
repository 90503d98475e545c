import { InputError } from '../src/errors';
import type { Page } from '../src/pagination';
import { auditTrail, fieldHistory, type FieldChangeRecord, type FieldHistoryQuery } from '../src/audit';
import {
  auditEntry,
  commitAudit,
  createAuditTestDatabase,
  type AuditTestDatabase,
} from './fixtures/audit-test-database';

describe('Audit log queries', () => {
  let db: AuditTestDatabase;
  const rep = { id: 'user-rep-1', roles: ['sales-rep'] };
  const manager = { id: 'user-manager-1', roles: ['sales-manager'] };

  beforeAll(async () => {
    db = await createAuditTestDatabase('audit_queries');
    await commitAudit(db.dataSource, [
      // 1
      auditEntry({
        actor: rep,
        requestId: 'req-1',
        action: 'account.create',
        occurredAt: new Date('2025-01-01T09:00:00.000Z'),
        changes: [
          { field: 'name', before: null, after: 'Acme' },
          { field: 'phone', before: null, after: '+86 10 1234 5678' },
        ],
      }),
      // 2: a read leaves no field history
      auditEntry({
        actor: manager,
        requestId: 'req-2',
        action: 'account.read_sensitive',
        occurredAt: new Date('2025-01-02T09:00:00.000Z'),
        changes: [],
        details: { fields: ['creditLimit'] },
      }),
      // 3: another account
      auditEntry({
        actor: rep,
        requestId: 'req-3',
        entityId: 'account-2',
        occurredAt: new Date('2025-01-03T09:00:00.000Z'),
        changes: [{ field: 'name', before: 'Other', after: 'Other Inc' }],
      }),
      // 4
      auditEntry({
        actor: rep,
        requestId: 'req-4',
        occurredAt: new Date('2025-01-04T09:00:00.000Z'),
        changes: [{ field: 'name', before: 'Acme', after: 'Acme Ltd' }],
      }),
      // 5
      auditEntry({
        actor: manager,
        requestId: 'req-5',
        occurredAt: new Date('2025-01-05T09:00:00.000Z'),
        changes: [{ field: 'creditLimit', before: { amount: 1000 }, after: { amount: 5000 } }],
      }),
    ]);
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** Every item, page by page. */
  async function allPages<T>(
    fetch: (after: string | null) => Promise<Page<T>>,
  ): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await fetch(after);
      pages += 1;
      items.push(...page.items);
      if (!page.hasNextPage) return { items, pages };
      after = page.endCursor;
    }
  }

  const account1 = { entityType: 'Account', entityId: 'account-1' };

  describe('fieldHistory', () => {
    it('returns one item per changed field, newest first, with who, what, when and the request id', async () => {
      const page = await fieldHistory(db.dataSource, account1);

      expect(page.hasNextPage).toBe(false);
      expect(page.items).toEqual<FieldChangeRecord[]>([
        {
          seq: 5,
          occurredAt: new Date('2025-01-05T09:00:00.000Z'),
          actorId: 'user-manager-1',
          action: 'account.update',
          field: 'creditLimit',
          before: { amount: 1000 },
          after: { amount: 5000 },
          requestId: 'req-5',
        },
        {
          seq: 4,
          occurredAt: new Date('2025-01-04T09:00:00.000Z'),
          actorId: 'user-rep-1',
          action: 'account.update',
          field: 'name',
          before: 'Acme',
          after: 'Acme Ltd',
          requestId: 'req-4',
        },
        {
          seq: 1,
          occurredAt: new Date('2025-01-01T09:00:00.000Z'),
          actorId: 'user-rep-1',
          action: 'account.create',
          field: 'name',
          before: null,
          after: 'Acme',
          requestId: 'req-1',
        },
        {
          seq: 1,
          occurredAt: new Date('2025-01-01T09:00:00.000Z'),
          actorId: 'user-rep-1',
          action: 'account.create',
          field: 'phone',
          before: null,
          after: '+86 10 1234 5678',
          requestId: 'req-1',
        },
      ]);
    });

    it('pages with cursors, also between the fields of one audit row', async () => {
      const whole = await fieldHistory(db.dataSource, account1);

      const paged = await allPages((after) => fieldHistory(db.dataSource, { ...account1, first: 1, after }));

      expect(paged.pages).toBe(4);
      expect(paged.items).toEqual(whole.items);
    });

    it('narrows to one field', async () => {
      const page = await fieldHistory(db.dataSource, { ...account1, field: 'name' });

      expect(page.items.map((item) => [item.seq, item.before, item.after])).toEqual([
        [4, 'Acme', 'Acme Ltd'],
        [1, null, 'Acme'],
      ]);
    });

    it('tracks any number of fields', async () => {
      const changes = Array.from({ length: 450 }, (_, i) => ({ field: `custom_${i}`, before: i, after: i + 1 }));
      await commitAudit(
        db.dataSource,
        auditEntry({ actor: { id: 'user-importer' }, entityId: 'account-wide', changes }),
      );
      const query: FieldHistoryQuery = { entityType: 'Account', entityId: 'account-wide', first: 200 };

      const paged = await allPages((after) => fieldHistory(db.dataSource, { ...query, after }));

      expect(paged.pages).toBe(3);
      expect(paged.items.map((item) => item.field)).toEqual(changes.map((change) => change.field));
      expect(
        (await fieldHistory(db.dataSource, { ...query, field: 'custom_321' })).items.map((item) => item.after),
      ).toEqual([322]);
    });

    it('rejects a cursor it did not issue', async () => {
      await expect(fieldHistory(db.dataSource, { ...account1, after: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(
        InputError,
      );
    });
  });

  describe('auditTrail', () => {
    it('lists rows newest first, filtered by actor, action, record and time, with cursor paging', async () => {
      const byActor = await auditTrail(db.dataSource, { actorId: 'user-manager-1' });
      expect(byActor.items.map((r) => r.seq)).toEqual([5, 2]);
      expect(byActor.items[1]).toMatchObject({
        action: 'account.read_sensitive',
        actor: { id: 'user-manager-1', roles: ['sales-manager'] },
        requestId: 'req-2',
        details: { fields: ['creditLimit'] },
      });

      const reads = await auditTrail(db.dataSource, { action: 'account.read_sensitive' });
      expect(reads.items.map((r) => r.seq)).toEqual([2]);

      const record = await auditTrail(db.dataSource, { entityType: 'Account', entityId: 'account-2' });
      expect(record.items.map((r) => r.seq)).toEqual([3]);

      const window = await auditTrail(db.dataSource, {
        entityId: 'account-1',
        from: new Date('2025-01-02T00:00:00.000Z'),
        to: new Date('2025-01-05T00:00:00.000Z'),
      });
      expect(window.items.map((r) => r.seq)).toEqual([4, 2]);

      const paged = await allPages((after) => auditTrail(db.dataSource, { actorId: 'user-rep-1', first: 2, after }));
      expect(paged.items.map((r) => r.seq)).toEqual([4, 3, 1]);
      expect(paged.pages).toBe(2);
    });
  });
});
