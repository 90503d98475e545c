import { pruneOutbox } from '../src/bus';
import { commitEvents, createBusTestDatabase, testEvent, type BusTestDatabase } from './bus-test-harness';

describe('outbox pruning', () => {
  let db: BusTestDatabase;
  beforeAll(async () => {
    db = await createBusTestDatabase('outbox_prune');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('deletes only rows published before the cutoff, in batches, and never an unpublished one', async () => {
    const old = Array.from({ length: 25 }, () => testEvent());
    const recent = Array.from({ length: 3 }, () => testEvent());
    const pending = Array.from({ length: 4 }, () => testEvent());
    await commitEvents(db.dataSource, [...old, ...recent, ...pending]);
    await db.dataSource.query(
      `UPDATE outbox_events SET published_at = now() - interval '10 days' WHERE id = ANY($1::uuid[])`,
      [old.map((e) => e.id)],
    );
    await db.dataSource.query(
      `UPDATE outbox_events SET published_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
      [recent.map((e) => e.id)],
    );

    const pruned = await pruneOutbox(db.dataSource, new Date(Date.now() - 7 * 86_400_000), 10);
    expect(pruned).toBe(25);
    const left: { id: string; published: boolean }[] = await db.dataSource.query(
      `SELECT id, published_at IS NOT NULL AS published FROM outbox_events ORDER BY seq`,
    );
    expect(left.map((r) => r.id).sort()).toEqual([...recent, ...pending].map((e) => e.id).sort());
    expect(left.filter((r) => !r.published)).toHaveLength(4);
  });
});
