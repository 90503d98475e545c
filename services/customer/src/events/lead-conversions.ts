import type { EntityManager } from 'typeorm';
import { salesEventsV1 } from '@crm/contracts';
import { systemActor } from '@crm/platform/auth';
import type { ConsumedEvent } from '@crm/platform/bus';
import { discardConversion } from '../application/conversion-discard';

/** The sales-pipeline stream, declared by its producer; the customer service only reads it. */
export const SALES_STREAM = 'SALES';
export const LEAD_CONVERSION_DURABLE = 'customer-lead-conversions';
export const LEAD_CONVERSION_SUBJECTS = ['crm.sales.lead.conversion_abandoned'];

/** The compensation of an abandoned lead conversion: discards what was created under its idempotency keys. */
export async function applyLeadConversionEvent(event: ConsumedEvent, manager: EntityManager): Promise<void> {
  if (event.subject !== 'crm.sales.lead.conversion_abandoned') return;
  const message = salesEventsV1.LeadConversionAbandoned.decode(event.data);
  // The audit's request id ties the discard to the sales service's request that gave up.
  const actor = systemActor(message.metadata?.requestId || event.id);
  await discardConversion(manager, actor, {
    conversionId: message.conversionId,
    leadId: message.leadId,
    keys: message.idempotencyKeys,
    reason: message.reason,
  });
}
