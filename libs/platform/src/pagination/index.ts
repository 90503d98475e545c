export {
  encodeCursor,
  decodeCursor,
  pageSize,
  toPage,
  toPages,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Page,
  type CursorValue,
} from './cursor';
export {
  boundedCount,
  boundedCountsPerParent,
  DEFAULT_EXACT_COUNT_BOUND,
  type CountablePage,
  type SqlRunner,
  type TotalCount,
} from './total-count';
export { pagesPerParent, type PagesPerParentQuery } from './pages-per-parent';
export { keysetListPage, newestFirst, SqlParameters, type KeysetListQuery } from './keyset-list';
export { ascendingListPage, type AscendingListQuery, type AscendingKeyType } from './ascending-list';
