import { customerEventsV1 } from '@crm/contracts';
import { catalogAuditCheckpoints, type ServiceAuditCheckpoints } from '@crm/platform/audit';
import { recordEvent } from '../events/customer-events';

export type AuditCheckpoints = ServiceAuditCheckpoints;

/**
 * The customer service's audit checkpoints (@crm/platform/audit does the checking): its head goes to JetStream's
 * append-only AUDIT stream as a `crm.customer.v1.AuditCheckpoint` event on `crm.audit.customer.checkpoint`.
 */
export const customerAuditCheckpoints = catalogAuditCheckpoints({
  service: 'customer',
  codec: customerEventsV1.AuditCheckpoint,
  record: recordEvent,
});
