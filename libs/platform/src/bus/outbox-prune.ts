import type { DataSource } from 'typeorm';

/**
 * Deletes outbox rows published before `cutoff`, in batches, so the table keeps only what the relay still needs
 * (unpublished rows are never touched). JetStream keeps the events; the duplicate window is minutes, so a retention
 * of days leaves every republish after a crash deduplicated.
 */
export async function pruneOutbox(dataSource: DataSource, cutoff: Date, batchSize = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result: [unknown[], number] = await dataSource.query(
      `DELETE FROM outbox_events WHERE id IN (
         SELECT id FROM outbox_events WHERE published_at IS NOT NULL AND published_at < $1 LIMIT $2)`,
      [cutoff, batchSize],
    );
    const deleted = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
