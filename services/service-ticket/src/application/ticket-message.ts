import type { ticketEventsV1 } from '@crm/contracts';
import type { TicketRow } from '../db/ticket-rows';

/** A ticket as the events and gRPC carry it (proto crm.ticket.v1.Ticket). */
export function ticketMessage(row: TicketRow): ticketEventsV1.Ticket {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    channel: row.channel,
    category: row.category,
    priority: row.priority,
    complaint: row.complaint,
    status: row.status,
    accountId: row.accountId,
    contactId: row.contactId ?? '',
    agentId: row.agentId ?? '',
    teamId: row.teamId,
    createdAt: row.createdAt,
  };
}
