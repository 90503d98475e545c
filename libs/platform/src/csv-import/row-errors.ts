import type { FieldViolation } from '../errors';

/** Why one row of an import was refused: the row as the spreadsheet numbers it, the column, the reason. */
export interface ImportRowError {
  row: number;
  field: string;
  reason: string;
  /** The rule the row broke, where it has a stable name (e.g. owner_requires_team_manager). */
  rule?: string;
}

export type RowMapping<T> = ({ ok: true } & T) | { ok: false; errors: ImportRowError[] };

/** Violation path → the column it came from (as written in the file), or the path itself when no column holds it. */
export function violationsToRowErrors(
  violations: FieldViolation[],
  row: number,
  columnOf: (path: (string | number)[]) => string | undefined,
): ImportRowError[] {
  return violations.map((found) => ({
    row,
    field: columnOf(found.path) ?? found.path.join('.'),
    reason: found.message,
  }));
}
