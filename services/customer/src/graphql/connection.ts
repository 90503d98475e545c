import { InputError } from '@crm/platform/errors';
import type { CountablePage, Page, TotalCount } from '@crm/platform/pagination';
import { isUuid } from '../domain/uuid';

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** A cursor page as a GraphQL connection: each edge resumes right after its node. */
export function connection<T>(page: Page<T>): Connection<T> {
  return {
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i] })),
    pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
  };
}

/** A connection whose `totalCount` and `totalCountIsEstimate` resolve from one count, run only if either is asked. */
export interface CountedConnection<T> extends Connection<T> {
  total: () => Promise<TotalCount>;
}

export function countedConnection<T>(page: CountablePage<T>, exactUpTo: number): CountedConnection<T> {
  let counted: Promise<TotalCount> | null = null;
  return {
    ...connection(page),
    total: () => (counted ??= page.count(exactUpTo)),
  };
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
