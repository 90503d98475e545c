import type { EntityManager } from 'typeorm';
import type { ConsumedEvent } from '@crm/platform/bus';
import { customerEventsV1 } from '@crm/contracts';
import { projectAccountFacts, requireUuid } from '@crm/platform/customer-accounts';
import { recomputeAccountTickets } from '../application/ticket-sla-recompute';

export { CUSTOMER_STREAM } from '@crm/platform/customer-accounts';
export const CUSTOMER_EVENTS_DURABLE = 'ticket-customer-events';
export const CUSTOMER_EVENT_SUBJECTS = [
  'crm.customer.account.created',
  'crm.customer.account.updated',
  'crm.customer.account.graded',
  'crm.customer.account.owner_changed',
  'crm.customer.account.deleted',
  'crm.customer.account.restored',
  'crm.customer.account.merged',
  'crm.customer.account.purged',
  'crm.customer.account.returned_to_pool',
  'crm.customer.account.grant_changed',
  'crm.customer.user.offboarded',
];

/**
 * Applies one customer event inside the consumer's inbox transaction: the account facts projection (who may read an
 * account's tickets, and its grade for the SLA targets), then the reactions of the ticket capabilities.
 */
export async function applyCustomerEvent(event: ConsumedEvent, manager: EntityManager): Promise<void> {
  await projectAccountFacts(event, manager);
  if (event.subject === 'crm.customer.account.graded') {
    // The projection just set account_facts.grade: the account's open tickets get the targets of their new grade.
    const message = customerEventsV1.AccountGraded.decode(event.data);
    await recomputeAccountTickets(manager, requireUuid(message.accountId, 'account_id', event));
  }
}
