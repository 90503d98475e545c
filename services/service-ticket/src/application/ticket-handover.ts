import type { EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { ticketColumns, type TicketRow } from '../db/ticket-rows';
import { recordEvent } from '../events/ticket-events';
import type { TicketService } from './ticket-service';
import type { TicketWorkflow } from './ticket-workflow';

/** What the ticket service needs of an offboarding (crm.customer.user.offboarded). */
export interface LeaverHandover {
  userId: string;
  /** Team id → who takes over the leaver's work in that team; null when the team's work went to the pool. */
  teams: Map<string, string | null>;
  /** The customer service's event, named in the audit rows. */
  eventId: string;
}

/**
 * The leaver's open tickets (assigned, in progress, waiting on the customer) go to the successor the event names for
 * the ticket's team, keeping their status; with none, back to the team's queue (no agent, status new). Each move has
 * its history, a `ticket.assigned` (the customer service moves the account access with it) and an audit row. The
 * leaver also leaves every assignment rule, so no new ticket is dealt to them. A redelivered event finds nothing left
 * to move. Returns how many tickets moved.
 */
export async function handOverTicketsOfLeaver(
  tx: EntityManager,
  workflow: TicketWorkflow,
  actor: Actor,
  handover: LeaverHandover,
): Promise<number> {
  const tickets: TicketRow[] = await tx.query(
    `SELECT ${ticketColumns('t')} FROM tickets t
      WHERE t.agent_id = $1 AND t.status IN ('assigned', 'in_progress', 'waiting_on_customer') AND t.deleted_at IS NULL
      ORDER BY t.id FOR UPDATE`,
    [handover.userId],
  );
  const details = { reason: 'user_offboarded', userId: handover.userId, customerEventId: handover.eventId };
  for (const ticket of tickets) {
    const successor = handover.teams.get(ticket.teamId) ?? null;
    if (successor && successor !== handover.userId)
      await workflow.assignLocked(tx, ticket, successor, actor, 'ticket.handed_over', details);
    else await workflow.unassigned(tx, ticket, actor, 'agent offboarded');
  }
  await removeFromAssignmentRules(tx, actor, handover);
  return tickets.length;
}

async function removeFromAssignmentRules(tx: EntityManager, actor: Actor, handover: LeaverHandover): Promise<void> {
  // TypeORM answers a DELETE or UPDATE ... RETURNING with [rows, affected count].
  const [removed]: [{ ruleId: string }[], number] = await tx.query(
    `DELETE FROM ticket_assignment_rule_members WHERE agent_id = $1 RETURNING rule_id AS "ruleId"`,
    [handover.userId],
  );
  for (const { ruleId } of removed) {
    await tx.query(`UPDATE ticket_assignment_rules SET version = version + 1, updated_at = now() WHERE id = $1`, [
      ruleId,
    ]);
    await audit(
      tx,
      actor,
      'ticket_assignment_rule.member_removed',
      { type: 'ticket_assignment_rule', id: ruleId },
      [{ field: 'members', before: handover.userId, after: null }],
      { reason: 'user_offboarded', customerEventId: handover.eventId },
    );
  }
}

/**
 * A merge moves the loser's tickets to the winning account: account id changed, a `ticket.assigned` with the same
 * agent (so the customer service's ticket → account projection follows), an audit row, and the listeners (the SLA
 * targets follow the winner's grade). Deleted tickets stay where they were. A redelivered event finds none left.
 */
export async function moveTicketsToWinner(
  tx: EntityManager,
  tickets: TicketService,
  actor: Actor,
  merge: { winnerId: string; loserId: string; eventId: string },
): Promise<number> {
  const [moved]: [{ id: string; agentId: string | null; teamId: string; version: number }[], number] = await tx.query(
    `UPDATE tickets SET account_id = $1, version = version + 1, updated_by = $3, updated_at = now()
      WHERE id IN (SELECT id FROM tickets WHERE account_id = $2 AND deleted_at IS NULL ORDER BY id FOR UPDATE)
      RETURNING id, agent_id AS "agentId", team_id AS "teamId", version`,
    [merge.winnerId, merge.loserId, actor.id],
  );
  for (const ticket of moved) {
    await recordEvent(
      tx,
      'ticketAssigned',
      actor,
      { type: 'ticket', id: ticket.id, version: ticket.version },
      {
        ticketId: ticket.id,
        accountId: merge.winnerId,
        agentId: ticket.agentId ?? '',
        teamId: ticket.teamId,
        previousAgentId: ticket.agentId ?? '',
      },
    );
    await audit(
      tx,
      actor,
      'ticket.account_merged',
      { type: 'ticket', id: ticket.id },
      [{ field: 'accountId', before: merge.loserId, after: merge.winnerId }],
      { reason: 'account_merged', customerEventId: merge.eventId },
    );
    await tickets.changed(tx, ticket.id, 'updated', actor);
  }
  return moved.length;
}
