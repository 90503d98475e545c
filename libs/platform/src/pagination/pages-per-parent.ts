import { decodeCursor, pageSize, toPages, type CursorValue, type Page } from './cursor';
import type { SqlRunner } from './total-count';

export interface PagesPerParentQuery<T> {
  /**
   * Selects the children of the parent `parent.id` without order or limit: parent ids are `$1`, its own parameters
   * start at `$2` (e.g. `SELECT ... FROM leads l WHERE l.converted_account_id = parent.id AND <visibility>`).
   */
  childSql: string;
  parameters: unknown[];
  parentIds: readonly string[];
  /** The two columns the pages are ordered by, descending, with their SQL types (the cursor's values). */
  order: [{ column: string; type: string }, { column: string; type: string }];
  first: number | null | undefined;
  after: string | null | undefined;
  parentOf(row: T): string;
  cursorOf(row: T): CursorValue[];
}

/**
 * One page of children for each parent in one statement (a LATERAL join: `first + 1` rows per parent), for a
 * connection field resolved for a whole page of parents (e.g. `Account.opportunities` under a list of accounts).
 */
export async function pagesPerParent<T>(
  runner: SqlRunner,
  query: PagesPerParentQuery<T>,
): Promise<Map<string, Page<T>>> {
  const limit = pageSize(query.first);
  const ids = [...new Set(query.parentIds)];
  if (!ids.length) return new Map();
  const params: unknown[] = [ids, ...query.parameters];
  const [a, b] = query.order;
  let cursor = '';
  if (query.after) {
    params.push(...decodeCursor(query.after, 2));
    cursor = `AND (${a.column}, ${b.column}) < ($${params.length - 1}::${a.type}, $${params.length}::${b.type})`;
  }
  const rows = (await runner.query(
    `SELECT page.* FROM unnest($1::uuid[]) AS parent(id)
       CROSS JOIN LATERAL (${query.childSql} ${cursor}
         ORDER BY ${a.column} DESC, ${b.column} DESC LIMIT ${limit + 1}) AS page`,
    params,
  )) as T[];
  return toPages(ids, rows, query.parentOf, limit, query.cursorOf);
}
