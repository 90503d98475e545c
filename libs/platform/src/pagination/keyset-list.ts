import { InputError } from '../errors';
import { isUuid } from '../ids/uuid';
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
  /** The two columns the list is ordered by, with their SQL types (the cursor's values). */
  order: [{ column: string; type: string }, { column: string; type: string }];
  /** Descending (newest first) unless said otherwise. */
  direction?: 'ASC' | 'DESC';
  first: number | null | undefined;
  after: string | null | undefined;
  cursorOf(row: T): CursorValue[];
  /** Totals are exact up to this many rows, then the planner's estimate. */
  exactCountUpTo: number;
}

/** Whether a cursor value fits its column's SQL type, so a forged cursor is refused before PostgreSQL casts it. */
function fitsType(value: CursorValue, type: string): boolean {
  if (type === 'uuid') return typeof value === 'string' && isUuid(value);
  if (type === 'timestamptz') return typeof value === 'string' && !Number.isNaN(Date.parse(value));
  if (type === 'text') return typeof value === 'string';
  if (type === 'int' || type === 'integer' || type === 'bigint') return Number.isInteger(value);
  return value !== null;
}

/** A filtered list's page by keyset (newest first unless `direction` says ASC) with its total counted on demand. */
export async function keysetListPage<T>(runner: SqlRunner, query: KeysetListQuery<T>): Promise<CountablePage<T>> {
  const limit = pageSize(query.first);
  const { params } = query;
  const where = [...query.conditions];
  const countSql = `SELECT 1 ${query.from} WHERE ${where.join(' AND ')}`;
  const countParams = [...params.values];
  const [a, b] = query.order;
  const direction = query.direction ?? 'DESC';
  if (query.after) {
    const [first, second] = decodeCursor(query.after, 2);
    if (!fitsType(first, a.type) || !fitsType(second, b.type)) {
      throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
    }
    const op = direction === 'ASC' ? '>' : '<';
    where.push(`(${a.column}, ${b.column}) ${op} (${params.add(first)}::${a.type}, ${params.add(second)}::${b.type})`);
  }
  const rows = (await runner.query(
    `${query.select} WHERE ${where.join(' AND ')} ORDER BY ${a.column} ${direction}, ${b.column} ${direction} LIMIT ${limit + 1}`,
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
