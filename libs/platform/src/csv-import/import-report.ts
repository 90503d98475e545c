import type { ColumnMapping } from './column-mapping';
import type { ImportRowError } from './row-errors';

export type ImportPolicy = 'skip' | 'update' | 'create';

export interface ImportOptions {
  encoding: 'auto' | 'utf-8' | 'gbk';
  /** Validate and match everything, report what would happen, and change nothing. */
  dryRun: boolean;
  /** What to do with a row that matches an existing record: leave it, update it, or create another. */
  policy: ImportPolicy;
  /** Rows written per transaction. */
  batchSize?: number;
  /** Row errors kept in the report (all are counted). */
  maxReportedErrors?: number;
}

/** What an import did, or in a dry run would do. */
export interface ImportReport {
  dryRun: boolean;
  policy: ImportPolicy;
  /** Each column of the file: the field it fills, or why it is ignored. */
  columns: ColumnMapping[];
  rowsRead: number;
  created: number;
  updated: number;
  /** Rows matching an existing record under the skip policy. */
  skipped: number;
  /** Rows already imported before with the same content, or updates that change nothing. */
  unchanged: number;
  failed: number;
  errors: ImportRowError[];
  errorsTruncated: boolean;
  durationMs: number;
}

export function emptyReport(options: ImportOptions): ImportReport {
  return {
    dryRun: options.dryRun,
    policy: options.policy,
    columns: [],
    rowsRead: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    unchanged: 0,
    failed: 0,
    errors: [],
    errorsTruncated: false,
    durationMs: 0,
  };
}

export function addRowErrors(report: ImportReport, errors: ImportRowError[], max: number): void {
  report.failed += 1;
  for (const error of errors) {
    if (report.errors.length < max) report.errors.push(error);
    else report.errorsTruncated = true;
  }
}

/** Thrown inside the dry run's transaction to roll everything back once the report is complete. */
export class DryRunRollback extends Error {
  constructor() {
    super('dry run: rolled back');
  }
}
