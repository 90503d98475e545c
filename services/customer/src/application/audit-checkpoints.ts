import type { DataSource } from 'typeorm';
import { customerEventsV1 } from '@crm/contracts';
import { ServiceAuditCheckpoints } from '@crm/platform/audit';
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
  return new ServiceAuditCheckpoints({
    service: 'customer',
    dataSource,
    bus,
    ...options,
    decode: (data) => {
      const event = customerEventsV1.AuditCheckpoint.decode(data);
      return { lastSeq: event.lastSeq, lastHash: event.lastHash, occurredAt: event.metadata?.occurredAt };
    },
    append: async (tx, actor, head) => {
      await recordEvent(
        tx,
        'auditCheckpoint',
        actor,
        { type: 'audit_log', id: 'customer', version: head.seq },
        { lastSeq: String(head.seq), lastHash: head.hash },
      );
    },
  });
}
