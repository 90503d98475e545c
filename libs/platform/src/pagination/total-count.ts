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

/**
 * The bounded count of each parent's children in one statement, however many parents: `childSql` selects the rows
 * of the parent `parent.id` (parent ids are `$1`, its own parameters start at `$2`), counted over at most `bound + 1`
 * rows per parent. Only a parent beyond the bound costs one more statement, for the planner's estimate of its rows.
 */
export async function boundedCountsPerParent(
  runner: SqlRunner,
  childSql: string,
  parameters: unknown[],
  parentIds: readonly string[],
  bound: number = DEFAULT_EXACT_COUNT_BOUND,
): Promise<Map<string, TotalCount>> {
  const limit = Math.max(0, Math.floor(bound));
  const ids = [...new Set(parentIds)];
  if (!ids.length) return new Map();
  const rows = (await runner.query(
    `SELECT parent.id::text AS id, (SELECT count(*)::int FROM (${childSql} LIMIT ${limit + 1}) AS capped) AS n
       FROM unnest($1::uuid[]) AS parent(id)`,
    [ids, ...parameters],
  )) as { id: string; n: number }[];
  const counts = new Map<string, TotalCount>();
  for (const { id, n } of rows) {
    if (n <= limit) {
      counts.set(id, { totalCount: n, totalCountIsEstimate: false });
      continue;
    }
    // One parent as a constant, so the planner estimates its own rows (not an average over all parents).
    const [plan] = (await runner.query(
      `EXPLAIN (FORMAT JSON) SELECT * FROM (SELECT $1::uuid AS id) AS parent, LATERAL (${childSql}) AS c`,
      [id, ...parameters],
    )) as PlanRow[];
    const estimate = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
    counts.set(id, { totalCount: Math.max(estimate, limit + 1), totalCountIsEstimate: true });
  }
  return counts;
}
