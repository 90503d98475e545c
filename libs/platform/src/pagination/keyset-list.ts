import { decodeCursor, pageSize, toPage, type CursorValue } from './cursor';
import { boundedCount, type CountablePage, type SqlRunner } from './total-count';

/** Numbered parameters of one statement: `add(value)` returns its placeholder (`$3`). */
export class SqlParameters {
  readonly values: unknown[];

  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface KeysetListQuery<T> {
  /** `SELECT <columns> FROM <table> <alias>`, without WHERE. */
  select: string;
  /** `FROM <table> <alias>` for the count. */
  from: string;
  /** ANDed; their parameters are in `params`. */
  conditions: string[];
  params: SqlParameters;
  /** The two columns the list is ordered by, descending, with their SQL types (the cursor's values). */
  order: [{ column: string; type: string }, { column: string; type: string }];
  first: number | null | undefined;
  after: string | null | undefined;
  cursorOf(row: T): CursorValue[];
  /** Totals are exact up to this many rows, then the planner's estimate. */
  exactCountUpTo: number;
}

/** A filtered list's page by keyset (newest first) with its total counted on demand (bounded). */
export async function keysetListPage<T>(runner: SqlRunner, query: KeysetListQuery<T>): Promise<CountablePage<T>> {
  const limit = pageSize(query.first);
  const { params } = query;
  const where = [...query.conditions];
  const countSql = `SELECT 1 ${query.from} WHERE ${where.join(' AND ')}`;
  const countParams = [...params.values];
  const [a, b] = query.order;
  if (query.after) {
    const [first, second] = decodeCursor(query.after, 2);
    where.push(`(${a.column}, ${b.column}) < (${params.add(first)}::${a.type}, ${params.add(second)}::${b.type})`);
  }
  const rows = (await runner.query(
    `${query.select} WHERE ${where.join(' AND ')} ORDER BY ${a.column} DESC, ${b.column} DESC LIMIT ${limit + 1}`,
    params.values,
  )) as T[];
  return {
    ...toPage(rows, limit, query.cursorOf),
    count: (bound) => boundedCount(runner, countSql, countParams, bound ?? query.exactCountUpTo),
  };
}

/** Newest first by a row's timestamp (`created_at` or `updated_at`), then id: the keyset order and a row's cursor. */
export function newestFirst<T extends { id: string; createdAt: Date; updatedAt: Date }>(
  alias: string,
  column: 'created_at' | 'updated_at',
): Pick<KeysetListQuery<T>, 'order' | 'cursorOf'> {
  const field = column === 'created_at' ? 'createdAt' : 'updatedAt';
  return {
    order: [
      { column: `${alias}.${column}`, type: 'timestamptz' },
      { column: `${alias}.id`, type: 'uuid' },
    ],
    cursorOf: (row) => [row[field].toISOString(), row.id],
  };
}
