import { pruneInbox } from '../src/bus';
import { createBusTestDatabase, type BusTestDatabase } from './bus-test-harness';

describe('inbox pruning', () => {
  let db: BusTestDatabase;
  beforeAll(async () => {
    db = await createBusTestDatabase('inbox_prune');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('deletes only the rows processed before the cutoff, in batches, for every consumer', async () => {
    await db.dataSource.query(
      `INSERT INTO inbox_events (consumer, event_id, processed_at)
       SELECT 'consumer-' || (n % 2), 'old-' || n, now() - interval '40 days' FROM generate_series(1, 25) AS n`,
    );
    await db.dataSource.query(
      `INSERT INTO inbox_events (consumer, event_id, processed_at)
       SELECT 'consumer-' || (n % 2), 'recent-' || n, now() - interval '1 day' FROM generate_series(1, 3) AS n`,
    );

    const pruned = await pruneInbox(db.dataSource, new Date(Date.now() - 30 * 86_400_000), 10);

    expect(pruned).toBe(25);
    const left: { event_id: string }[] = await db.dataSource.query(
      `SELECT event_id FROM inbox_events ORDER BY event_id`,
    );
    expect(left.map((r) => r.event_id)).toEqual(['recent-1', 'recent-2', 'recent-3']);
  });
});
