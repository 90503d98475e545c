import type { Readable } from 'node:stream';
import type { CsvImportDefinition, ImportBatchContext } from './csv-import';
import { readCsvRows, type CsvHeaderColumn } from './csv-rows';

/**
 * The reading half of an import, without a database: reads the upload row by row, fills the report's column mapping
 * and row count, reports refused rows, and hands the accepted items to `write` in batches of `batchSize` rows.
 */
export async function readImportBatches<T>(
  upload: Readable,
  definition: Pick<CsvImportDefinition<T>, 'describeColumns' | 'readRow'>,
  context: Pick<ImportBatchContext, 'options' | 'report' | 'refuse'>,
  write: (batch: T[]) => Promise<void>,
): Promise<void> {
  const { options, report } = context;
  const batchSize = options.batchSize ?? 1000;
  let batch: T[] = [];
  const onHeader = (header: CsvHeaderColumn[]): void => {
    report.columns = definition.describeColumns(header);
  };
  for await (const row of readCsvRows(upload, { encoding: options.encoding, onHeader })) {
    report.rowsRead += 1;
    const read = definition.readRow(row);
    if ('errors' in read) {
      context.refuse(read.errors);
      continue;
    }
    batch.push(read.item);
    if (batch.length >= batchSize) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length) await write(batch);
}
