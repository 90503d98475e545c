// THE place a ticket's SLA state is computed and stored: from its status history, reply instants, account grade,
// priority and complaint flag, its policy and that policy's calendar (domain/sla-clock.ts does the arithmetic).
// Callers: the ticket-change listener (sla-ticket-listener.ts), the schedule (sla-schedule.ts) and the grade
// consumer (recomputeAccountTickets); each holds the ticket rows' locks first, then writes ticket_sla.
import type { EntityManager } from 'typeorm';
import { nextSlaAlertAt, type SentSlaAlert } from '../domain/sla-alerts';
import { computeSlaClock, type SlaClock, type StatusHistoryEntry } from '../domain/sla-clock';
import { targetsFor, type CustomerGrade, type TicketPriority } from '../domain/sla-policy';
import type { TicketStatus } from '../domain/ticket-lifecycle';
import { calendarsById, defaultPolicy, policiesById } from '../db/sla-settings-rows';
import { policyIdsOfTickets, saveTicketSla, sentAlertsOf, type TicketSlaRow } from '../db/ticket-sla-rows';

/** What the SLA needs of a ticket, read with its account's grade from the customer projection. */
export interface SlaTicketFacts {
  id: string;
  status: TicketStatus;
  priority: TicketPriority;
  complaint: boolean;
  accountId: string;
  agentId: string | null;
  teamId: string;
  version: number;
  deleted: boolean;
  createdAt: Date;
  firstResponseAt: Date | null;
  lastCustomerMessageAt: Date | null;
  lastAgentReplyAt: Date | null;
  grade: CustomerGrade;
}

export interface ComputedTicketSla {
  ticket: SlaTicketFacts;
  row: TicketSlaRow;
  clock: SlaClock;
  sent: SentSlaAlert[];
}

const closedStatuses: readonly TicketStatus[] = ['resolved', 'closed'];
/** Tickets per statement when many are recomputed (an account's open tickets). */
export const slaRecomputeBatch = 200;

async function ticketFacts(tx: EntityManager, ids: readonly string[]): Promise<SlaTicketFacts[]> {
  return tx.query(
    `SELECT t.id, t.status, t.priority, t.complaint, t.account_id AS "accountId", t.agent_id AS "agentId",
            t.team_id AS "teamId", t.version, t.deleted_at IS NOT NULL AS deleted, t.created_at AS "createdAt",
            t.first_response_at AS "firstResponseAt", t.last_customer_message_at AS "lastCustomerMessageAt",
            t.last_agent_reply_at AS "lastAgentReplyAt", COALESCE(af.grade, 'none') AS grade
       FROM tickets t LEFT JOIN account_facts af ON af.account_id = t.account_id
      WHERE t.id = ANY($1::uuid[]) ORDER BY t.id`,
    [[...ids]],
  );
}

async function histories(tx: EntityManager, ids: readonly string[]): Promise<Map<string, StatusHistoryEntry[]>> {
  const rows: { ticket_id: string; status: TicketStatus; at: Date }[] = await tx.query(
    `SELECT ticket_id, to_status AS status, at FROM ticket_status_history
      WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, at, id`,
    [[...ids]],
  );
  const byTicket = new Map<string, StatusHistoryEntry[]>();
  for (const r of rows) {
    const list = byTicket.get(r.ticket_id) ?? [];
    list.push({ status: r.status, at: r.at });
    byTicket.set(r.ticket_id, list);
  }
  return byTicket;
}

/** The clocks of these tickets at `now` (nothing written); a ticket without SLA state gets the default policy. */
export async function computeTicketSlas(
  tx: EntityManager,
  ticketIds: readonly string[],
  now: Date,
): Promise<ComputedTicketSla[]> {
  if (!ticketIds.length) return [];
  const tickets = await ticketFacts(tx, ticketIds);
  const ids = tickets.map((t) => t.id);
  const history = await histories(tx, ids);
  const assigned = await policyIdsOfTickets(tx, ids);
  const sent = await sentAlertsOf(tx, ids);
  const fallback = ids.some((id) => !assigned.has(id)) ? await defaultPolicy(tx) : null;
  const policies = await policiesById(tx, [...assigned.values()]);
  if (fallback) policies.set(fallback.id, fallback);
  const calendars = await calendarsById(
    tx,
    [...policies.values()].map((p) => p.calendarId),
  );
  return tickets.map((ticket) => {
    const policy = policies.get(assigned.get(ticket.id) ?? fallback!.id)!;
    const calendar = calendars.get(policy.calendarId)!;
    const targets = targetsFor(policy, ticket);
    const clock = computeSlaClock({
      // A ticket always has its creation row; the fallback only guards against a history written elsewhere.
      history: history.get(ticket.id) ?? [{ status: ticket.status, at: ticket.createdAt }],
      firstResponseAt: ticket.firstResponseAt,
      lastCustomerMessageAt: ticket.lastCustomerMessageAt,
      lastAgentReplyAt: ticket.lastAgentReplyAt,
      calendar,
      targets,
      now,
    });
    const isOpen = !ticket.deleted && !closedStatuses.includes(ticket.status);
    const alerts = sent.get(ticket.id) ?? [];
    return {
      ticket,
      clock,
      sent: alerts,
      row: {
        ticketId: ticket.id,
        policyId: policy.id,
        policyVersion: policy.version,
        calendarVersion: calendar.version,
        grade: ticket.grade,
        priority: ticket.priority,
        complaint: ticket.complaint,
        targets,
        clock,
        isOpen,
        // Only open tickets are watched: no alert for a resolved, closed or deleted one.
        nextAlertAt: isOpen ? nextSlaAlertAt(clock, alerts) : null,
        computedAt: now,
      },
    };
  });
}

/** Recomputes and stores these tickets' SLA state; the caller holds their ticket rows' locks. */
export async function recomputeTicketSlas(
  tx: EntityManager,
  ticketIds: readonly string[],
  now = new Date(),
): Promise<ComputedTicketSla[]> {
  const computed = await computeTicketSlas(tx, ticketIds, now);
  await saveTicketSla(
    tx,
    computed.map((c) => c.row),
  );
  return computed;
}

/**
 * An account's grade may have changed (account_facts.grade, projected from the customer service's events): its open
 * tickets whose targets were chosen by another grade are recomputed in the consumer's transaction, ticket rows locked
 * first in id order like every writer. Returns how many.
 */
export async function recomputeAccountTickets(tx: EntityManager, accountId: string, now = new Date()): Promise<number> {
  const rows: { id: string }[] = await tx.query(
    `SELECT t.id FROM tickets t
       LEFT JOIN ticket_sla s ON s.ticket_id = t.id
       LEFT JOIN account_facts af ON af.account_id = t.account_id
      WHERE t.account_id = $1 AND t.deleted_at IS NULL AND t.status NOT IN ('resolved', 'closed')
        AND s.grade IS DISTINCT FROM COALESCE(af.grade, 'none')
      ORDER BY t.id FOR UPDATE OF t`,
    [accountId],
  );
  for (let i = 0; i < rows.length; i += slaRecomputeBatch) {
    await recomputeTicketSlas(
      tx,
      rows.slice(i, i + slaRecomputeBatch).map((r) => r.id),
      now,
    );
  }
  return rows.length;
}
