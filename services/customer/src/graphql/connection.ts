import { InputError } from '@crm/platform/errors';
import { connection, type Connection } from '@crm/platform/graphql';
import type { CountablePage, Page, TotalCount } from '@crm/platform/pagination';
import type { AccessRequest } from '../application/access-request-service';
import type { AccountGrant } from '../db/account-grant-rows';
import type { AccountRow } from '../db/account.entity';
import type { ActivityRow } from '../db/activity.entity';
import type { ContactRow } from '../db/contact.entity';
import { isUuid } from '../domain/uuid';

/** A connection whose `totalCount` and `totalCountIsEstimate` resolve from one count, run only if either is asked. */
export interface CountedConnection<T> extends Connection<T> {
  total: () => Promise<TotalCount>;
}

/** What the resolvers of the counted connection types really return (the mappers of the generated resolver types). */
export type AccountCountedConnection = CountedConnection<AccountRow>;
export type AccessRequestCountedConnection = CountedConnection<AccessRequest>;
export type ContactCountedConnection = CountedConnection<ContactRow>;
export type ActivityCountedConnection = CountedConnection<ActivityRow>;
export type AccountGrantCountedConnection = CountedConnection<AccountGrant>;

export function countedConnection<T>(page: CountablePage<T>, exactUpTo: number): CountedConnection<T> {
  let counted: Promise<TotalCount> | null = null;
  return {
    ...connection(page),
    total: () => (counted ??= page.count(exactUpTo)),
  };
}

/** A nested connection (e.g. Account.contacts) whose total comes from `count`, a batched loader asked only on demand. */
export function childConnection<T>(page: Page<T>, count: () => Promise<TotalCount>): CountedConnection<T> {
  let counted: Promise<TotalCount> | null = null;
  return { ...connection(page), total: () => (counted ??= count()) };
}

/** Resolvers of the count fields of a connection type built by countedConnection. */
export const totalCountResolvers = {
  totalCount: async (c: CountedConnection<unknown>): Promise<number> => (await c.total()).totalCount,
  totalCountIsEstimate: async (c: CountedConnection<unknown>): Promise<boolean> =>
    (await c.total()).totalCountIsEstimate,
};

/** An ID argument that must be a UUID: BAD_USER_INPUT naming it otherwise. */
export function requireUuid(value: string, path: string[]): void {
  if (!isUuid(value)) throw InputError.single(path, 'uuid', 'must be a UUID');
}
