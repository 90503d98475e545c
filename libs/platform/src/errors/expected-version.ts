import { ConflictError } from './domain-errors';

/** Optimistic concurrency: a change made on a stale read of the record is a CONFLICT (no expected version: no check). */
export function requireExpectedVersion(
  entity: string,
  row: { id: string; version: number },
  expectedVersion: number | null | undefined,
): void {
  if (expectedVersion === null || expectedVersion === undefined || row.version === expectedVersion) return;
  throw new ConflictError(
    `${entity} ${row.id} changed meanwhile (version ${row.version}, you had ${expectedVersion})`,
    { id: row.id, version: row.version },
  );
}
