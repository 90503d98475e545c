import { InputError } from '../errors';

export type CursorValue = string | number | boolean | null;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

/** An opaque cursor: the sort key values of the last row of a page, base64url-encoded. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedLength: number, field = 'after'): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === expectedLength) return values as CursorValue[];
  } catch {
    // fall through to the input error
  }
  throw InputError.single([field], 'cursor', 'is not a cursor returned by this list (it may belong to another sort)');
}

/** Validates a page size: 1..MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when absent. */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === undefined || first === null || first === 0) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw InputError.single([field], 'range', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

export interface Page<T> {
  items: T[];
  /** The cursor of each item, to resume right after it. */
  cursors: string[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says that more follow. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => CursorValue[]): Page<T> {
  const hasNextPage = rows.length > limit;
  const items = hasNextPage ? rows.slice(0, limit) : rows;
  const cursors = items.map((item) => encodeCursor(cursorOf(item)));
  return { items, cursors, hasNextPage, endCursor: cursors[cursors.length - 1] ?? null };
}

/**
 * Builds one page per parent from rows fetched for many parents at once (each parent's `limit + 1` rows in order, as
 * a LATERAL join returns them). Every parent gets a page, empty when it has no rows.
 */
export function toPages<T>(
  parentIds: readonly string[],
  rows: T[],
  parentOf: (row: T) => string,
  limit: number,
  cursorOf: (row: T) => CursorValue[],
): Map<string, Page<T>> {
  const grouped = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) grouped.get(parentOf(row))?.push(row);
  return new Map([...grouped].map(([id, children]) => [id, toPage(children, limit, cursorOf)]));
}
