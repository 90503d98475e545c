import type { CountablePage, Page, TotalCount } from '../pagination';

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

/** A top-level list's connection: its page, and its total counted exactly up to `exactUpTo` rows (then estimated). */
export function countedConnection<T>(page: CountablePage<T>, exactUpTo: number): CountedConnection<T> {
  let counted: Promise<TotalCount> | null = null;
  return { ...connection(page), total: () => (counted ??= page.count(exactUpTo)) };
}

/** A nested connection (e.g. Account.contacts) whose total comes from `count`, a batched loader asked only on demand. */
export function childConnection<T>(page: Page<T>, count: () => Promise<TotalCount>): CountedConnection<T> {
  let counted: Promise<TotalCount> | null = null;
  return { ...connection(page), total: () => (counted ??= count()) };
}

/** Resolvers of the count fields of a connection type built by countedConnection or childConnection. */
export const totalCountResolvers = {
  totalCount: async (c: CountedConnection<unknown>): Promise<number> => (await c.total()).totalCount,
  totalCountIsEstimate: async (c: CountedConnection<unknown>): Promise<boolean> =>
    (await c.total()).totalCountIsEstimate,
};
