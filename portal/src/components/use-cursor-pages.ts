import { useCallback, useEffect, useState } from 'react';
import { useClient, type AnyVariables, type CombinedError, type DocumentInput } from 'urql';

/** One page of a connection, as every paged list of the API returns it. */
export interface ConnectionPage<T> {
  totalCount: number;
  totalCountIsEstimate: boolean;
  edges: readonly { node: T }[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

export interface CursorPages<T> {
  rows: T[];
  totalCount: number;
  estimate: boolean;
  hasNextPage: boolean;
  loading: boolean;
  error: CombinedError | null;
  loadMore(): void;
  refresh(): void;
}

interface State<T> {
  rows: T[];
  totalCount: number;
  estimate: boolean;
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  error: CombinedError | null;
}

/**
 * A list paged by cursor ("load more" appends the next page). `variables` must be stable (memoised): a new value
 * starts the list over.
 */
export function useCursorPages<T, Data, Variables extends AnyVariables & { after?: string | null }>(
  query: DocumentInput<Data, Variables>,
  variables: Omit<Variables, 'after'>,
  connection: (data: Data) => ConnectionPage<T>,
): CursorPages<T> {
  const client = useClient();
  const [state, setState] = useState<State<T>>({
    rows: [],
    totalCount: 0,
    estimate: false,
    endCursor: null,
    hasNextPage: false,
    loading: true,
    error: null,
  });
  const load = useCallback(
    (after: string | null): Promise<void> =>
      client
        .query(query, { ...variables, after } as unknown as Variables, { requestPolicy: 'network-only' })
        .toPromise()
        .then((result) =>
          setState((current) => {
            if (!result.data) return { ...current, loading: false, error: result.error ?? null };
            const page = connection(result.data);
            return {
              rows: [...(after ? current.rows : []), ...page.edges.map((e) => e.node)],
              totalCount: page.totalCount,
              estimate: page.totalCountIsEstimate,
              endCursor: page.pageInfo.endCursor ?? null,
              hasNextPage: page.pageInfo.hasNextPage,
              loading: false,
              error: null,
            };
          }),
        ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `connection` only picks a field; the query and variables decide the list
    [client, query, variables],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  return {
    ...state,
    loadMore: () => {
      setState((current) => ({ ...current, loading: true }));
      void load(state.endCursor);
    },
    refresh: () => {
      setState((current) => ({ ...current, loading: true, error: null }));
      void load(null);
    },
  };
}
