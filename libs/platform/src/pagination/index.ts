export {
  encodeCursor,
  decodeCursor,
  pageSize,
  toPage,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Page,
  type CursorValue,
} from './cursor';
