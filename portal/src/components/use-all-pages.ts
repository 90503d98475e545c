import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type AnyVariables, type CombinedError, type DocumentInput } from 'urql';

/** Items per request when every page is wanted (the APIs' lists allow up to 200). */
export const ALL_PAGES_PAGE_SIZE = 100;

/** The part of a connection page this hook reads. */
export interface ConnectionSlice<T> {
  edges: readonly { node: T }[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
}

export interface AllPages<T> {
  /** Every item of the list, once all pages are in (the first pages' items while the rest load). */
  rows: T[];
  loading: boolean;
  error: CombinedError | null;
  /** Reads the whole list again (after a change). */
  refresh(): void;
}

/**
 * Every item of a cursor-paged list, for pickers and forms that need all of them (e.g. the custom fields a form
 * renders): `first: 100` pages fetched in turn while `hasNextPage`. `variables` must be stable (memoised): a new
 * value reads the list over; an answer to an earlier read is dropped.
 */
export function useAllPages<T, Data, Variables extends AnyVariables & { first?: number | null; after?: string | null }>(
  query: DocumentInput<Data, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  connection: (data: Data) => ConnectionSlice<T>,
  options: { pause?: boolean } = {},
): AllPages<T> {
  const client = useClient();
  // `readFor`: the variables the rows are of; other variables mean a read is under way.
  const [state, setState] = useState<{
    rows: T[];
    loading: boolean;
    error: CombinedError | null;
    readFor: Omit<Variables, 'first' | 'after'> | null;
  }>({ rows: [], loading: false, error: null, readFor: null });
  const generation = useRef(0);
  const load = useCallback((): Promise<void> => {
    const mine = ++generation.current;
    const rows: T[] = [];
    // Each page's answer asks for the next one, so state is only set from answers (never during render or effect).
    const read = (after: string | null): Promise<void> =>
      client
        .query(query, { ...variables, first: ALL_PAGES_PAGE_SIZE, after } as unknown as Variables, {
          requestPolicy: 'network-only',
        })
        .toPromise()
        .then((result) => {
          if (mine !== generation.current) return;
          if (!result.data) {
            setState({ rows, loading: false, error: result.error ?? null, readFor: variables });
            return;
          }
          const page = connection(result.data);
          rows.push(...page.edges.map((e) => e.node));
          const end = page.pageInfo.endCursor ?? null;
          const more = page.pageInfo.hasNextPage && end !== null;
          setState({ rows: [...rows], loading: more, error: null, readFor: variables });
          return more ? read(end) : undefined;
        });
    return read(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `connection` only picks a field; the query and variables decide the list
  }, [client, query, variables]);
  useEffect(() => {
    if (options.pause) return;
    void load();
  }, [load, options.pause]);
  return {
    rows: state.rows,
    error: state.error,
    loading: !options.pause && (state.loading || state.readFor !== variables),
    refresh: () => {
      setState((current) => ({ ...current, loading: true, error: null }));
      void load();
    },
  };
}
