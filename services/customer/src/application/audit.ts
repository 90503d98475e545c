// The audit helpers are the platform's (@crm/platform/audit); re-exported under the application layer's names.
export { audit, auditEntry, changesOf } from '@crm/platform/audit';
