export { isUuid, normalizeUuid } from './uuid';
