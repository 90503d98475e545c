/**
 * True when `error` is PostgreSQL's unique_violation (23505) on `constraint` (any unique constraint when not given):
 * what a check-then-insert race ends in, to be answered as CONFLICT rather than an internal error.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  // TypeORM wraps the driver error (QueryFailedError) but copies its fields onto itself.
  const e = error as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
