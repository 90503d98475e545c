import type { EntityManager, EntitySchema } from 'typeorm';
import {
  boundedCountsPerParent,
  decodeCursor,
  pageSize,
  toPages,
  type CursorValue,
  type Page,
  type TotalCount,
} from '@crm/platform/pagination';
import { rowsInOrder } from './rows-in-order';

export interface AccountChildPages<T> {
  entity: EntitySchema<T>;
  /** Table with alias `c`, e.g. `contacts c`. */
  table: string;
  /** Extra condition on `c`, e.g. `c.deleted_at IS NULL`. */
  where?: string;
  /** The sort: SQL expressions on `c` with the cast of their cursor values, ending with `c.id`. */
  sort: { sql: string; cast: string }[];
  descending: boolean;
  /** The row's values of `sort`, for its cursor. */
  cursorOf: (row: T) => CursorValue[];
}

/**
 * One page of an account's children (contacts, timeline) for each of many accounts, in one query: a LATERAL join
 * walks the `(account_id, sort…)` index once per account. `after` resumes each page after the same sort values.
 */
export async function pagesPerAccount<T extends { id: string; accountId: string }>(
  manager: EntityManager,
  spec: AccountChildPages<T>,
  accountIds: readonly string[],
  first?: number | null,
  after?: string | null,
): Promise<Map<string, Page<T>>> {
  const limit = pageSize(first);
  const params: unknown[] = [accountIds];
  const conditions = ['c.account_id = parent.id', ...(spec.where ? [spec.where] : [])];
  if (after) {
    const values = decodeCursor(after, spec.sort.length);
    const placeholders = spec.sort.map((key, i) => `$${i + 2}::${key.cast}`);
    conditions.push(
      `(${spec.sort.map((key) => key.sql).join(', ')}) ${spec.descending ? '<' : '>'} (${placeholders.join(', ')})`,
    );
    params.push(...values);
  }
  const direction = spec.descending ? 'DESC' : 'ASC';
  const ids: { id: string }[] = await manager.query(
    `SELECT c.id FROM unnest($1::uuid[]) AS parent(id)
      CROSS JOIN LATERAL (
        SELECT c.id FROM ${spec.table}
         WHERE ${conditions.join(' AND ')}
         ORDER BY ${spec.sort.map((key) => `${key.sql} ${direction}`).join(', ')} LIMIT ${limit + 1}) c`,
    params,
  );
  const rows = await rowsInOrder(
    manager,
    spec.entity,
    ids.map((r) => r.id),
  );
  return toPages(accountIds, rows, (r) => r.accountId, limit, spec.cursorOf);
}

/** Each account's number of children (the rows its pages walk, without cursor), bounded, in one statement. */
export async function countsPerAccount<T>(
  manager: EntityManager,
  spec: AccountChildPages<T>,
  accountIds: readonly string[],
  bound: number,
): Promise<Map<string, TotalCount>> {
  const conditions = ['c.account_id = parent.id', ...(spec.where ? [spec.where] : [])];
  return boundedCountsPerParent(
    manager,
    `SELECT 1 FROM ${spec.table} WHERE ${conditions.join(' AND ')}`,
    [],
    accountIds,
    bound,
  );
}
