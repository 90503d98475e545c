import type { DataSource, EntityManager } from 'typeorm';
import { DryRunRollback } from './import-report';
import { StatisticsRefresh } from './statistics-refresh';

/**
 * How an import writes what its reader produces: one transaction per batch, or, for a dry run, every batch in one
 * transaction that is rolled back at the end (so the report is exact and nothing changes). Statistics of `table` are
 * refreshed as it grows.
 */
export async function writeBatches<T>(
  dataSource: DataSource,
  options: { dryRun: boolean; table: 'accounts' | 'contacts' },
  produce: (write: (batch: T[]) => Promise<void>) => Promise<void>,
  processBatch: (tx: EntityManager, batch: T[]) => Promise<void>,
): Promise<void> {
  const statistics = new StatisticsRefresh(options.table);
  if (!options.dryRun) {
    await produce(async (batch) => {
      await dataSource.transaction((tx) => processBatch(tx, batch));
      await statistics.afterBatch(dataSource.manager, batch.length);
    });
    return;
  }
  await dataSource
    .transaction(async (tx) => {
      await produce(async (batch) => {
        await processBatch(tx, batch);
        await statistics.afterBatch(tx, batch.length);
      });
      throw new DryRunRollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRunRollback)) throw error;
    });
}
