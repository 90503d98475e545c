import type { EntityManager } from 'typeorm';
import type { TicketPriority } from '../domain/sla-policy';
import type { TicketStatus } from '../domain/ticket-lifecycle';

export const ticketChannels = ['phone', 'email', 'web_form', 'wechat', 'portal'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

/** The persistence model of a ticket; the GraphQL Ticket type and the proto Ticket are mapped from it. */
export interface TicketRow {
  id: string;
  /** Human-readable number, e.g. TK-2026-000123. */
  number: string;
  subject: string;
  description: string;
  channel: TicketChannel;
  category: string;
  priority: TicketPriority;
  complaint: boolean;
  status: TicketStatus;
  accountId: string;
  contactId: string | null;
  /** The queue: a Keycloak team name (e.g. 'service'). */
  teamId: string;
  agentId: string | null;
  /** Skills an agent needs for it (assignment rules match on them). */
  skills: string[];
  requesterEmail: string | null;
  resolutionSummary: string | null;
  rootCauseCategory: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  firstResponseAt: Date | null;
  lastCustomerMessageAt: Date | null;
  lastAgentReplyAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  version: number;
}

/** The select list that reads a `tickets` row (aliased `alias`) as a TicketRow. */
export function ticketColumns(alias = 't'): string {
  return `${alias}.id, ${alias}.number, ${alias}.subject, ${alias}.description, ${alias}.channel, ${alias}.category,
    ${alias}.priority, ${alias}.complaint, ${alias}.status, ${alias}.account_id AS "accountId",
    ${alias}.contact_id AS "contactId", ${alias}.team_id AS "teamId", ${alias}.agent_id AS "agentId", ${alias}.skills,
    ${alias}.requester_email AS "requesterEmail", ${alias}.resolution_summary AS "resolutionSummary",
    ${alias}.root_cause_category AS "rootCauseCategory", ${alias}.resolved_at AS "resolvedAt",
    ${alias}.closed_at AS "closedAt", ${alias}.first_response_at AS "firstResponseAt",
    ${alias}.last_customer_message_at AS "lastCustomerMessageAt", ${alias}.last_agent_reply_at AS "lastAgentReplyAt",
    ${alias}.created_by AS "createdBy", ${alias}.created_at AS "createdAt", ${alias}.updated_by AS "updatedBy",
    ${alias}.updated_at AS "updatedAt", ${alias}.version`;
}

/** Loads live (not deleted) tickets by id, optionally locking them (FOR UPDATE, in id order). */
export async function ticketsById(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, TicketRow>> {
  if (!ids.length) return new Map();
  const rows: TicketRow[] = await manager.query(
    `SELECT ${ticketColumns()} FROM tickets t WHERE t.id = ANY($1::uuid[]) AND t.deleted_at IS NULL
      ORDER BY t.id${options.lock ? ' FOR UPDATE' : ''}`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** One row of a ticket's status history (TicketEvent in GraphQL). */
export interface StatusHistoryRow {
  id: string;
  ticketId: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  at: Date;
  byUser: string;
  reason: string | null;
}

/** Writes one status history row (creation has no `from`). */
export async function recordStatusHistory(
  tx: EntityManager,
  ticketId: string,
  change: { from: TicketStatus | null; to: TicketStatus; at: Date; by: string; reason: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_status_history (ticket_id, from_status, to_status, at, by_user, reason)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [ticketId, change.from, change.to, change.at, change.by, change.reason],
  );
}

/** The status histories of these tickets, oldest first (the SLA clock reads them). */
export async function statusHistoriesOf(
  manager: EntityManager,
  ticketIds: readonly string[],
): Promise<Map<string, StatusHistoryRow[]>> {
  const out = new Map<string, StatusHistoryRow[]>(ticketIds.map((id) => [id, []]));
  if (!ticketIds.length) return out;
  const rows: StatusHistoryRow[] = await manager.query(
    `SELECT id::text, ticket_id AS "ticketId", from_status AS "fromStatus", to_status AS "toStatus", at,
            by_user AS "byUser", reason
       FROM ticket_status_history WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, at, id`,
    [[...new Set(ticketIds)]],
  );
  for (const row of rows) out.get(row.ticketId)?.push(row);
  return out;
}
