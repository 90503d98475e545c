import { useCallback, useEffect, useState } from 'react';
import { useClient, type AnyVariables, type CombinedError, type DocumentInput } from 'urql';

/** The page size a picker asks for: few round trips for a configured list, far below the API's bound of 200. */
export const ALL_PAGES_PAGE_SIZE = 100;

/** What a connection page must hold for its pages to be walked. */
export interface WalkablePage<T> {
  edges: readonly { node: T }[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

export interface AllPages<T> {
  /** Every item of every page, in the list's order (the pages read so far while `loading`). */
  items: T[];
  loading: boolean;
  error: CombinedError | null;
  /** Reads the whole list again (after an edit). */
  refresh(): void;
}

/**
 * Every item of a cursor connection, for a select or picker that must offer them all (a list the API pages): asks
 * `first: 100` and follows `after` while the API says a next page exists. `variables` must be stable (memoised);
 * a new value reads the list over.
 */
export function useAllPages<T, Data, Variables extends AnyVariables & { first?: number | null; after?: string | null }>(
  query: DocumentInput<Data, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  connection: (data: Data) => WalkablePage<T>,
): AllPages<T> {
  const client = useClient();
  const [reads, setReads] = useState(0);
  const [state, setState] = useState<Omit<AllPages<T>, 'refresh'>>({ items: [], loading: true, error: null });
  useEffect(() => {
    let cancelled = false;
    const walk = async (): Promise<void> => {
      setState((current) => ({ ...current, loading: true, error: null }));
      const items: T[] = [];
      let after: string | null = null;
      for (;;) {
        const result = await client
          .query(query, { ...variables, first: ALL_PAGES_PAGE_SIZE, after } as unknown as Variables, {
            requestPolicy: 'network-only',
          })
          .toPromise();
        if (cancelled) return;
        if (!result.data) {
          setState({ items, loading: false, error: result.error ?? null });
          return;
        }
        const page = connection(result.data);
        items.push(...page.edges.map((edge) => edge.node));
        after = page.pageInfo.endCursor ?? null;
        // A page without an end cursor cannot be followed: stop rather than read the first page again.
        if (!page.pageInfo.hasNextPage || !after) break;
        setState({ items: [...items], loading: true, error: null });
      }
      setState({ items, loading: false, error: null });
    };
    void walk();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `connection` only picks a field; the query and variables decide the list
  }, [client, query, variables, reads]);
  const refresh = useCallback(() => setReads((n) => n + 1), []);
  return { ...state, refresh };
}
