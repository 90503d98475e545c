export { isUuid, normalizeUuid, requireUuid } from './uuid';
