/**
 * What the audit queries need to run SQL: a TypeORM DataSource or EntityManager (which resolve to the rows), or a
 * `pg` Client or Pool (which resolve to a result with `rows`).
 */
export interface AuditQueryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Runs a statement that returns rows (SELECT, or a data-changing statement wrapped in a WITH ... SELECT). */
export async function queryRows<T>(queryable: AuditQueryable, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = await queryable.query(sql, parameters);
  if (Array.isArray(result)) return result as T[];
  if (result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows)) {
    return (result as { rows: T[] }).rows;
  }
  throw new Error('the queryable returned neither rows nor a result with rows');
}
