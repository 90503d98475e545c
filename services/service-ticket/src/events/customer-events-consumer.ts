import type { EntityManager } from 'typeorm';
import type { ConsumedEvent } from '@crm/platform/bus';
import { projectAccountFacts } from '@crm/platform/customer-accounts';
import { recomputeAccountTickets } from '../application/ticket-sla-recompute';
import { accountOfGradeChange } from './account-grade-changes';

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
  const gradedAccount = accountOfGradeChange(event);
  // The projection just set account_facts.grade: open tickets chosen by another grade get their new targets.
  if (gradedAccount) await recomputeAccountTickets(manager, gradedAccount);
}
