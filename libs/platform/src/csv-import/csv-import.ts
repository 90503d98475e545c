import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import type { ColumnMapping } from './column-mapping';
import type { CsvHeaderColumn, CsvRow } from './csv-rows';
import { writeBatches } from './batched-writes';
import { readImportBatches } from './import-batches';
import type { ImportFingerprints } from './import-fingerprints';
import { addRowErrors, emptyReport, type ImportOptions, type ImportReport } from './import-report';
import type { ImportRowError } from './row-errors';

/** What a batch writer gets besides its rows: the report to count into and the import's own pieces. */
export interface ImportBatchContext {
  options: ImportOptions;
  report: ImportReport;
  /** The fingerprints the import declared: `fresh` before matching, `record` after writing (same transaction). */
  fingerprints: ImportFingerprints;
  /** Counts one refused row and keeps its errors in the report (up to `maxReportedErrors`). */
  refuse(errors: ImportRowError[]): void;
}

/** One kind of CSV import, declared as data and callbacks; `runCsvImport` does the rest. */
export interface CsvImportDefinition<T> {
  /** The table the rows land in: its planner statistics are refreshed as a large import grows it. */
  table: string;
  /** Where each column of the header row goes, for the report (usually `describeColumns` over the column aliases). */
  describeColumns(header: CsvHeaderColumn[]): ColumnMapping[];
  /**
   * One row as read (an unreadable one arrives as `{ rowNumber, error }`): the item to write, or why it is refused.
   * An item may carry a refusal of its own, for a writer that reports rows in file order within a batch.
   */
  readRow(row: CsvRow): { item: T } | { errors: ImportRowError[] };
  /** Row fingerprints of this kind, for idempotent re-runs. */
  fingerprints: ImportFingerprints;
  /** Writes one batch inside the transaction it is given (the dry run's one rolled-back transaction included). */
  writeBatch(tx: EntityManager, batch: T[], context: ImportBatchContext): Promise<void>;
}

/** The refusal of a row the CSV reader could not read, for `readRow`. */
export function unreadableRowErrors(row: { rowNumber: number; error: string }): ImportRowError[] {
  return [{ row: row.rowNumber, field: '', reason: row.error }];
}

/**
 * The generic CSV import: a service declares its columns (header aliases, English and Chinese, read by a
 * `ColumnResolver`, described by `describeColumns`), a row reader (`readRow`, with the per-cell parsers of
 * `cell-values`), a batch writer inside a transaction and its fingerprint table (`ImportFingerprints`); this reads the
 * upload as a stream (encoding sniffed: BOM, UTF-8 or GBK/GB18030), numbers rows as a spreadsheet does, reports
 * per-row errors and the column mapping, writes in batches of `batchSize` rows (one transaction each), and runs a dry
 * run through every step in one transaction over a spooled copy of the upload, rolled back at the end, so its report
 * is exact. Answers the import report; the HTTP side is `csvImportRoute`.
 */
export async function runCsvImport<T>(
  dataSource: DataSource,
  definition: CsvImportDefinition<T>,
  input: Readable,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = Date.now();
  const report = emptyReport(options);
  const maxErrors = options.maxReportedErrors ?? 1000;
  const context: ImportBatchContext = {
    options,
    report,
    fingerprints: definition.fingerprints,
    refuse: (errors) => addRowErrors(report, errors, maxErrors),
  };

  await writeBatches<T>(
    dataSource,
    { dryRun: options.dryRun, table: definition.table },
    input,
    (upload, write) => readImportBatches(upload, definition, context, write),
    (tx, batch) => definition.writeBatch(tx, batch, context),
  );
  report.durationMs = Date.now() - started;
  return report;
}
