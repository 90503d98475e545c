import { InputError } from '../errors';
import { isUuid } from '../ids';
import { decodeCursor, pageSize, toPage, type CursorValue } from './cursor';
import { SqlParameters } from './keyset-list';
import { boundedCount, DEFAULT_EXACT_COUNT_BOUND, type CountablePage, type SqlRunner } from './total-count';

/** The SQL types a key of an ascending list may have; a cursor value is checked against it before SQL sees it. */
export type AscendingKeyType = 'text' | 'int' | 'boolean' | 'uuid';

export interface AscendingListQuery<T> {
  /** `SELECT <columns> FROM <table> <alias>`, without WHERE. */
  select: string;
  /** `FROM <table> <alias>` for the count. */
  from: string;
  /** ANDed (none: every row); their parameters are in `params`. */
  conditions?: string[];
  params?: SqlParameters;
  /** The keys the list is ordered by, ascending; the last one unique (the id), so pages are stable. */
  order: { column: string; type: AscendingKeyType }[];
  first?: number | null;
  after?: string | null;
  /** The row's values of `order`, in that order. */
  cursorOf(row: T): CursorValue[];
  /** Totals are exact up to this many rows, then the planner's estimate (DEFAULT_EXACT_COUNT_BOUND when absent). */
  exactCountUpTo?: number;
}

const fits: Record<AscendingKeyType, (value: CursorValue) => boolean> = {
  text: (v) => typeof v === 'string',
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  uuid: (v) => typeof v === 'string' && isUuid(v),
};

/**
 * A page of a list kept in a configured ascending order (by name, by position...) by keyset, with its total counted
 * on demand (bounded). A cursor whose values do not fit the keys' types (another list's) is refused on `after`.
 */
export async function ascendingListPage<T>(runner: SqlRunner, query: AscendingListQuery<T>): Promise<CountablePage<T>> {
  const limit = pageSize(query.first);
  const { order } = query;
  const params = query.params ?? new SqlParameters();
  const where = query.conditions?.length ? [...query.conditions] : ['true'];
  const countSql = `SELECT 1 ${query.from} WHERE ${where.join(' AND ')}`;
  const countParams = [...params.values];
  if (query.after) {
    const values = decodeCursor(query.after, order.length);
    if (!values.every((value, i) => fits[order[i].type](value))) {
      throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
    }
    const keys = order.map((key) => key.column).join(', ');
    const placeholders = values.map((value, i) => `${params.add(value)}::${order[i].type}`).join(', ');
    where.push(`(${keys}) > (${placeholders})`);
  }
  const rows = (await runner.query(
    `${query.select} WHERE ${where.join(' AND ')} ORDER BY ${order.map((key) => key.column).join(', ')}
      LIMIT ${limit + 1}`,
    params.values,
  )) as T[];
  return {
    ...toPage(rows, limit, query.cursorOf),
    count: (bound) =>
      boundedCount(runner, countSql, countParams, bound ?? query.exactCountUpTo ?? DEFAULT_EXACT_COUNT_BOUND),
  };
}
