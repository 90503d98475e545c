import type { EntityManager } from 'typeorm';
import { customerEventsV1 } from '@crm/contracts';
import { systemActor } from '@crm/platform/auth';
import type { ConsumedEvent } from '@crm/platform/bus';
import { ACCOUNT_FACT_SUBJECTS, projectAccountFacts, requireUuid } from '@crm/platform/customer-accounts';
import { handOverTicketsOfLeaver, moveTicketsToWinner } from '../application/ticket-handover';
import type { TicketServices } from '../application/ticket-services';
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
export async function applyCustomerEvent(
  event: ConsumedEvent,
  manager: EntityManager,
  services: Pick<TicketServices, 'tickets' | 'workflow'>,
): Promise<void> {
  await projectAccountFacts(event, manager);
  await reassignTickets(event, manager, services);
  const gradedAccount = accountOfGradeChange(event);
  // The projection just set account_facts.grade: open tickets chosen by another grade get their new targets.
  if (gradedAccount) await recomputeAccountTickets(manager, gradedAccount);
}

/** An offboarded agent's open tickets to their successor or the queue; a merged account's tickets to the winner. */
async function reassignTickets(
  event: ConsumedEvent,
  manager: EntityManager,
  services: Pick<TicketServices, 'tickets' | 'workflow'>,
): Promise<void> {
  if (event.subject === 'crm.customer.user.offboarded') {
    const message = customerEventsV1.UserOffboarded.decode(event.data);
    await handOverTicketsOfLeaver(manager, services.workflow, systemActor(message.metadata?.requestId || event.id), {
      userId: requireUuid(message.userId, 'user_id', event),
      teams: new Map(message.handovers.map((h) => [h.teamId, h.newOwnerId || null])),
      eventId: event.id,
    });
  } else if (event.subject === 'crm.customer.account.merged') {
    const message = customerEventsV1.AccountMerged.decode(event.data);
    await moveTicketsToWinner(manager, services.tickets, systemActor(message.metadata?.requestId || event.id), {
      winnerId: requireUuid(message.winnerId, 'winner_id', event),
      loserId: requireUuid(message.loserId, 'loser_id', event),
      eventId: event.id,
    });
  }
}
