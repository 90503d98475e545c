import type { EntityManager } from 'typeorm';
import { ticketEventsV1 } from '@crm/contracts';
import type { ConsumedEvent } from '@crm/platform/bus';
import { isUuid } from '../domain/uuid';

/** The service-ticket stream, declared by its producer; the customer service only reads it. */
export const TICKET_STREAM = 'TICKET';
export const TICKET_ASSIGNMENT_DURABLE = 'customer-ticket-assignments';
export const TICKET_ASSIGNMENT_SUBJECTS = ['crm.ticket.ticket.assigned', 'crm.ticket.ticket.deleted'];

/** Thrown for an event that can never be applied: the consumer sends it to the dead-letter stream after its retries. */
class MalformedTicketEvent extends Error {}

function requireId(value: string, field: string, event: ConsumedEvent): string {
  if (!isUuid(value)) throw new MalformedTicketEvent(`${event.subject} ${event.id}: ${field} must be a UUID`);
  return value;
}

/**
 * Keeps `ticket_accounts` (ticket → account, agent, queue) in step with service-ticket, for the row-level rules
 * "service agents see the accounts of their tickets" and "service managers those of their teams' tickets". A row is replaced only by an event of a newer ticket version, so a late
 * redelivery changes nothing; an unassigned or deleted ticket keeps its row without an agent.
 */
export async function applyTicketEvent(event: ConsumedEvent, manager: EntityManager): Promise<void> {
  let ticketId: string;
  let accountId: string;
  let agentId: string | null;
  let teamId: string | null;
  let version: string;
  if (event.subject === 'crm.ticket.ticket.assigned') {
    const message = ticketEventsV1.TicketAssigned.decode(event.data);
    ticketId = requireId(message.ticketId, 'ticket_id', event);
    accountId = requireId(message.accountId, 'account_id', event);
    agentId = message.agentId || null;
    teamId = message.teamId || null;
    version = message.metadata?.aggregateVersion ?? '0';
  } else if (event.subject === 'crm.ticket.ticket.deleted') {
    const message = ticketEventsV1.TicketDeleted.decode(event.data);
    ticketId = requireId(message.ticketId, 'ticket_id', event);
    accountId = requireId(message.accountId, 'account_id', event);
    agentId = null;
    teamId = null;
    version = message.metadata?.aggregateVersion ?? '0';
  } else {
    return; // not an assignment event: nothing to keep
  }
  await manager.query(
    `INSERT INTO ticket_accounts (ticket_id, account_id, agent_id, team_id, version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (ticket_id) DO UPDATE SET account_id = EXCLUDED.account_id, agent_id = EXCLUDED.agent_id,
       team_id = EXCLUDED.team_id, version = EXCLUDED.version
     WHERE ticket_accounts.version < EXCLUDED.version`,
    [ticketId, accountId, agentId, teamId, version],
  );
}
