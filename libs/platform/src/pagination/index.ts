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
