import type { Page } from '../pagination';

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
