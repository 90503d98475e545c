// Ids are UUIDs everywhere: the check lives in @crm/platform/ids.
export { isUuid, normalizeUuid } from '@crm/platform/ids';
