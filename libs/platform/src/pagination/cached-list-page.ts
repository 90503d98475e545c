import { InputError } from '../errors';
import { decodeCursor, pageSize, toPage } from './cursor';
import type { CountablePage } from './total-count';

/**
 * A page of a list already in memory (e.g. a cached directory answer), by keyset over two text keys (a name, then an
 * id), ascending by code unit: the same cursor contract as the SQL lists, so a page resumes right after its last item
 * even when items come or go between pages. The total is the list's length (exact).
 */
export function cachedListPage<T>(
  all: readonly T[],
  keyOf: (item: T) => [string, string],
  first: number | null | undefined,
  after: string | null | undefined,
): CountablePage<T> {
  const limit = pageSize(first);
  const compare = (x: [string, string], y: [string, string]): number =>
    x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
  let rest = [...all].sort((a, b) => compare(keyOf(a), keyOf(b)));
  if (after) {
    const [name, id] = decodeCursor(after, 2);
    if (typeof name !== 'string' || typeof id !== 'string') {
      throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
    }
    rest = rest.filter((item) => compare(keyOf(item), [name, id]) > 0);
  }
  const total = all.length;
  return {
    ...toPage(rest.slice(0, limit + 1), limit, keyOf),
    count: () => Promise.resolve({ totalCount: total, totalCountIsEstimate: false }),
  };
}
