import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { DryRunRollback } from './import-report';
import { StatisticsRefresh } from './statistics-refresh';
import { spoolUpload } from './upload-spool';

/**
 * How an import writes what its reader produces from `input`: one transaction per batch, each opened only once its
 * batch has been read in full; or, for a dry run, every batch in one transaction that is rolled back at the end (so the
 * report is exact and nothing changes), over a copy of the upload spooled to disk first, so that transaction never
 * waits on the client. Statistics of `table` are refreshed as it grows.
 */
export async function writeBatches<T>(
  dataSource: DataSource,
  options: { dryRun: boolean; table: string },
  input: Readable,
  produce: (input: Readable, write: (batch: T[]) => Promise<void>) => Promise<void>,
  processBatch: (tx: EntityManager, batch: T[]) => Promise<void>,
): Promise<void> {
  const statistics = new StatisticsRefresh(options.table);
  if (!options.dryRun) {
    await produce(input, async (batch) => {
      await dataSource.transaction((tx) => processBatch(tx, batch));
      await statistics.afterBatch(dataSource.manager, batch.length);
    });
    return;
  }
  const upload = await spoolUpload(input);
  try {
    await dataSource
      .transaction(async (tx) => {
        await produce(upload.open(), async (batch) => {
          await processBatch(tx, batch);
          await statistics.afterBatch(tx, batch.length);
        });
        throw new DryRunRollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof DryRunRollback)) throw error;
      });
  } finally {
    await upload.discard();
  }
}
