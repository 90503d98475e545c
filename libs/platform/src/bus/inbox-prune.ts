import type { DataSource } from 'typeorm';

/**
 * Deletes inbox rows processed before `cutoff`, in batches. An inbox row only has to outlive every redelivery of
 * its event (JetStream's duplicate window is minutes; a consumer redelivers for max_deliver × ack_wait, plus however
 * long NATS or the database was down), so a retention of weeks keeps every real redelivery idempotent.
 */
export async function pruneInbox(dataSource: DataSource, cutoff: Date, batchSize = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result: [unknown[], number] = await dataSource.query(
      `DELETE FROM inbox_events WHERE (consumer, event_id) IN (
         SELECT consumer, event_id FROM inbox_events WHERE processed_at < $1 LIMIT $2)`,
      [cutoff, batchSize],
    );
    const deleted = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
