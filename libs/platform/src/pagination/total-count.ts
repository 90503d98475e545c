import type { Page } from './cursor';

/** Up to this many rows a list's total is counted exactly; beyond it, the planner's estimate is given. */
export const DEFAULT_EXACT_COUNT_BOUND = 10_000;

/** A list's total for a page header: exact up to a bound, then marked as an estimate. */
export interface TotalCount {
  totalCount: number;
  totalCountIsEstimate: boolean;
}

/** A page that can also count the whole list it is a page of (only when asked: the count costs a query). */
export interface CountablePage<T> extends Page<T> {
  count(bound?: number): Promise<TotalCount>;
}

/** Anything that runs SQL with positional parameters (a TypeORM DataSource or EntityManager). */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

interface PlanRow {
  'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
}

/**
 * Counts the rows of `sql` (the list's filtered query without cursor, order or limit): `count(*)` over at most
 * `bound + 1` rows, so a huge list costs no more than the bound; beyond it, the planner's row estimate, never less
 * than `bound + 1`.
 */
export async function boundedCount(
  runner: SqlRunner,
  sql: string,
  parameters: unknown[],
  bound: number = DEFAULT_EXACT_COUNT_BOUND,
): Promise<TotalCount> {
  const limit = Math.max(0, Math.floor(bound));
  const [{ n }] = (await runner.query(
    `SELECT count(*)::int AS n FROM (${sql} LIMIT ${limit + 1}) AS capped`,
    parameters,
  )) as {
    n: number;
  }[];
  if (n <= limit) return { totalCount: n, totalCountIsEstimate: false };
  const [plan] = (await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters)) as PlanRow[];
  const estimate = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
  return { totalCount: Math.max(estimate, limit + 1), totalCountIsEstimate: true };
}
