import type { EntityManager } from 'typeorm';
import type { ConsumedEvent } from '@crm/platform/bus';
import { ACCOUNT_FACT_SUBJECTS, projectAccountFacts } from '@crm/platform/customer-accounts';
import { recomputeAccountTickets } from '../application/ticket-sla-recompute';
import { accountOfGradeChange } from './account-grade-changes';

export { CUSTOMER_STREAM } from '@crm/platform/customer-accounts';
export const CUSTOMER_EVENTS_DURABLE = 'ticket-customer-events';
/** The projection's subjects, the grade (SLA targets follow it) and offboarded users (their tickets move). */
export const CUSTOMER_EVENT_SUBJECTS = [
  ...ACCOUNT_FACT_SUBJECTS,
  'crm.customer.account.graded',
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
