import type { EntityManager } from 'typeorm';
import { customerEventsV1 } from '@crm/contracts';
import { systemActor, type Actor } from '@crm/platform/auth';
import type { ConsumedEvent } from '@crm/platform/bus';
import {
  handOverDealsOfLeaver,
  handOverLeadsOfLeaver,
  moveDealsToWinner,
  type OffboardingHandovers,
} from '../application/deal-handover';
import { ACCOUNT_FACT_SUBJECTS, projectAccountFacts, requireUuid } from '@crm/platform/customer-accounts';

export { CUSTOMER_STREAM } from '@crm/platform/customer-accounts';
export const CUSTOMER_EVENTS_DURABLE = 'sales-customer-events';
export const CUSTOMER_EVENT_SUBJECTS = [...ACCOUNT_FACT_SUBJECTS, 'crm.customer.user.offboarded'];

/** The service acts on the customer service's behalf: the audit row names the request that caused it. */
function reactionActor(event: ConsumedEvent, requestId: string | undefined): Actor {
  return systemActor(requestId || event.id);
}

/**
 * Applies one customer event inside the consumer's inbox transaction: the account facts projection, then the
 * reactions (an offboarded user's open deals to their successors, a merged account's deals to the winner).
 */
export async function applyCustomerEvent(event: ConsumedEvent, manager: EntityManager): Promise<void> {
  await projectAccountFacts(event, manager);
  if (event.subject === 'crm.customer.account.merged') {
    const message = customerEventsV1.AccountMerged.decode(event.data);
    await moveDealsToWinner(manager, reactionActor(event, message.metadata?.requestId), {
      winnerId: requireUuid(message.winnerId, 'winner_id', event),
      loserId: requireUuid(message.loserId, 'loser_id', event),
      eventId: event.id,
    });
  } else if (event.subject === 'crm.customer.user.offboarded') {
    const message = customerEventsV1.UserOffboarded.decode(event.data);
    const actor = reactionActor(event, message.metadata?.requestId);
    const handovers: OffboardingHandovers = {
      userId: requireUuid(message.userId, 'user_id', event),
      accounts: new Map(
        message.reassignedAccounts.map((a) => [
          a.accountId,
          { ownerId: a.newOwnerId || null, teamId: a.teamId || null },
        ]),
      ),
      teams: new Map(message.handovers.map((h) => [h.teamId, h.newOwnerId || null])),
      eventId: event.id,
    };
    // One step: the leaver's open deals and leads move in the consumer's one transaction.
    await handOverDealsOfLeaver(manager, actor, handovers);
    await handOverLeadsOfLeaver(manager, actor, handovers);
  }
}
