import DataLoader from 'dataloader';
import type { Page, TotalCount } from '../pagination';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Loads one page of children per parent, for every parent asked for in the same tick, in one call. */
export type ChildPages<P, T> = (parent: P, args: PageArgs) => Promise<Page<T>>;

/** A loader of rows by id through one batch read; an id the read leaves out (absent, or not visible) loads null. */
export function byIdLoader<T extends { id: string }>(
  batchGet: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await batchGet(ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/**
 * A nested connection (e.g. Account.contacts) on a list of parents: one DataLoader per distinct (first, after), so a
 * page of 50 parents asking for their children costs one query, not 50. `fetch` answers a page per parent id.
 */
export function childPagesLoader<P extends { id: string }, T>(
  fetch: (parents: readonly P[], first?: number | null, after?: string | null) => Promise<Map<string, Page<T>>>,
): ChildPages<P, T> {
  const loaders = new Map<string, DataLoader<P, Page<T>, string>>();
  return (parent, { first, after }) => {
    const key = JSON.stringify([first ?? null, after ?? null]);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader<P, Page<T>, string>(
        async (parents) => {
          const pages = await fetch(parents, first, after);
          return parents.map((p) => pages.get(p.id) ?? { items: [], cursors: [], endCursor: null, hasNextPage: false });
        },
        { cacheKeyFn: (p) => p.id },
      );
      loaders.set(key, loader);
    }
    return loader.load(parent);
  };
}

/** The total of a nested connection per parent: every parent asked for in the same tick is counted by one `fetch`. */
export type ChildCounts<P> = (parent: P) => Promise<TotalCount>;

export function childCountsLoader<P extends { id: string }>(
  fetch: (parents: readonly P[]) => Promise<Map<string, TotalCount>>,
): ChildCounts<P> {
  const loader = new DataLoader<P, TotalCount, string>(
    async (parents) => {
      const counts = await fetch(parents);
      return parents.map((p) => counts.get(p.id) ?? { totalCount: 0, totalCountIsEstimate: false });
    },
    { cacheKeyFn: (p) => p.id },
  );
  return (parent) => loader.load(parent);
}
