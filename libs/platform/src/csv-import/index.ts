/**
 * CSV import for any service (see docs/service-template.md, "Adding a CSV import"). A service declares an import as
 * data and callbacks, a `CsvImportDefinition`: its columns (`ColumnAliases` read by a `ColumnResolver`, described for
 * the report by `describeColumns`), a row reader using the cell parsers, a batch writer run inside a transaction, and
 * the `ImportFingerprints` table that makes re-runs idempotent. `runCsvImport` supplies the rest: encodings,
 * streaming, dry run, mapping report, per-row errors, batching and the upload spool; `csvImportRoute` the HTTP side.
 */
export { runCsvImport, unreadableRowErrors, type CsvImportDefinition, type ImportBatchContext } from './csv-import';
export { readImportBatches } from './import-batches';
export { csvImportRoute, parseImportOptions, type CsvImportRoute } from './csv-import-route';
export { cellText, lookupWord, parseCountry, parseDate, parseYesNo, splitList } from './cell-values';
export {
  describeColumns,
  type ColumnMapping,
  type ColumnMappingOptions,
  type IgnoredColumnReason,
} from './column-mapping';
export {
  ColumnResolver,
  descriptionAliases,
  normalizeHeader,
  type ColumnAliases,
  type ColumnValues,
  type RowColumns,
} from './column-names';
export { codecFor, sniffCsvEncoding, type CsvEncoding } from './csv-encoding';
export {
  readCsvRows,
  type CsvHeaderColumn,
  type CsvReadOptions,
  type CsvRecordRow,
  type CsvRow,
  type CsvRowError,
} from './csv-rows';
export { DEFAULT_FINGERPRINT_TABLE, ImportFingerprints, importFingerprintsMigrationSql } from './import-fingerprints';
export { addRowErrors, emptyReport, type ImportOptions, type ImportPolicy, type ImportReport } from './import-report';
export { violationsToRowErrors, type ImportRowError, type RowMapping } from './row-errors';
export { rowFingerprint } from './row-fingerprint';
export { writeBatches } from './batched-writes';
export { StatisticsRefresh } from './statistics-refresh';
export { DEFAULT_MAX_SPOOL_BYTES, spoolUpload, type SpooledUpload } from './upload-spool';
