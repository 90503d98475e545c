import type { DataSource } from 'typeorm';
import { customerEventsV1 } from '@crm/contracts';
import { catalogAuditCheckpoints, type ServiceAuditCheckpoints } from '@crm/platform/audit';
import type { Bus } from '@crm/platform/bus';
import type { Logger } from '@crm/platform/logging';
import { recordEvent } from '../events/customer-events';

export type AuditCheckpoints = ServiceAuditCheckpoints;

/**
 * The customer service's audit checkpoints (@crm/platform/audit does the checking): its head goes to JetStream's
 * append-only AUDIT stream as a `crm.customer.v1.AuditCheckpoint` event on `crm.audit.customer.checkpoint`.
 */
export function customerAuditCheckpoints(
  dataSource: DataSource,
  bus: Bus,
  options: { intervalMinutes: number; logger?: Logger },
): AuditCheckpoints {
  return catalogAuditCheckpoints({
    service: 'customer',
    dataSource,
    bus,
    ...options,
    codec: customerEventsV1.AuditCheckpoint,
    record: recordEvent,
  });
}
