import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError, PreconditionError } from '@crm/platform/errors';
import { requireUuid } from '@crm/platform/ids';
import { recordStatusHistory, type TicketRow } from '../db/ticket-rows';
import {
  planReopen,
  planStatusChange,
  type LifecycleSettings,
  type LifecycleTicket,
  type Resolution,
  type StatusChangePlan,
  type TicketStatus,
} from '../domain/ticket-lifecycle';
import { recordEvent } from '../events/ticket-events';
import { requireMayAssign } from '../policy/assignment-access';
import { requireTeamAgents, type TeamDirectory } from './team-agent-check';
import type { TicketService } from './ticket-service';

export type MessageKind = 'reply' | 'note';

const maxMessageLength = 50_000;
const ownedStatuses: TicketStatus[] = ['assigned', 'in_progress', 'waiting_on_customer'];

const lifecycleOf = (ticket: TicketRow): LifecycleTicket => ({
  status: ticket.status,
  assigneeId: ticket.agentId,
  resolvedAt: ticket.resolvedAt,
});

/** A ticket's moves: status changes (with the closed loop's resolution), reopening, assignment and messages. */
export class TicketWorkflow {
  constructor(
    private readonly tickets: TicketService,
    private readonly lifecycle: LifecycleSettings,
    private readonly directory: TeamDirectory,
  ) {}

  /** One move through the lifecycle; resolving needs a summary and a root-cause category. */
  async changeStatus(
    id: string,
    to: TicketStatus,
    resolution: Partial<Resolution> | null | undefined,
    actor: Actor,
  ): Promise<TicketRow> {
    return this.tickets.dataSource.transaction(async (tx) => {
      const ticket = await this.tickets.lockForEdit(tx, id, actor);
      if (to === 'new') return this.unassigned(tx, ticket, actor, 'returned to the queue');
      const plan = planStatusChange(
        lifecycleOf(ticket),
        { to, at: new Date(), by: actor.id, resolution: resolution ?? undefined },
        this.lifecycle,
      );
      return this.apply(tx, ticket, plan, actor);
    });
  }

  /** Reopens a resolved or closed ticket within the reopen window, back to its agent (or its queue). */
  async reopen(id: string, reason: string, actor: Actor): Promise<TicketRow> {
    return this.tickets.dataSource.transaction(async (tx) => {
      const ticket = await this.tickets.lockForEdit(tx, id, actor);
      return this.reopenLocked(tx, ticket, reason, actor);
    });
  }

  /** reopen() for a ticket already locked in the caller's transaction (a low survey rating, a customer's reply). */
  async reopenLocked(tx: EntityManager, ticket: TicketRow, reason: string, actor: Actor): Promise<TicketRow> {
    const plan = planReopen(lifecycleOf(ticket), { at: new Date(), by: actor.id, reason }, this.lifecycle);
    return this.apply(tx, ticket, plan, actor);
  }

  /**
   * Manual (re)assignment: to an enabled user of the ticket's team, or back to the queue (null). Who may hand a ticket
   * to whom: policy/assignment-access.ts. A claim (`onlyUnassigned`) takes only a ticket nobody has.
   */
  async assign(id: string, agentId: string | null, actor: Actor, onlyUnassigned = false): Promise<TicketRow> {
    const target = agentId === null ? null : requireUuid(agentId, ['agentId']);
    return this.tickets.dataSource.transaction(async (tx) => {
      const ticket = await this.tickets.lockForEdit(tx, id, actor);
      requireMayAssign(actor, ticket, target);
      if (onlyUnassigned && ticket.agentId !== null)
        throw new PreconditionError('agentId: the ticket is already assigned', { path: ['agentId'], rule: 'claim' });
      if (ticket.status === 'resolved' || ticket.status === 'closed')
        throw new PreconditionError(`status: a ${ticket.status} ticket is not reassigned; reopen it first`, {
          path: ['status'],
          rule: 'assignable',
        });
      if (target === ticket.agentId) return ticket;
      if (target === null) return this.unassigned(tx, ticket, actor, 'returned to the queue');
      await requireTeamAgents(this.directory, ticket.teamId, [{ agentId: target, path: ['agentId'] }]);
      return this.assignLocked(tx, ticket, target, actor, 'ticket.assigned');
    });
  }

  /** Gives a locked ticket to an agent (status assigned when it was new): history, event, audit, listeners. */
  async assignLocked(
    tx: EntityManager,
    ticket: TicketRow,
    agentId: string,
    actor: Actor,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<TicketRow> {
    const status: TicketStatus = ticket.status === 'new' ? 'assigned' : ticket.status;
    await tx.query(
      `UPDATE tickets SET agent_id = $2, status = $3, updated_by = $4, updated_at = now(), version = version + 1
        WHERE id = $1`,
      [ticket.id, agentId, status, actor.id],
    );
    if (status !== ticket.status)
      await recordStatusHistory(tx, ticket.id, {
        from: ticket.status,
        to: status,
        at: new Date(),
        by: actor.id,
        reason: null,
      });
    await recordEvent(
      tx,
      'ticketAssigned',
      actor,
      { type: 'ticket', id: ticket.id, version: ticket.version + 1 },
      {
        ticketId: ticket.id,
        accountId: ticket.accountId,
        agentId,
        teamId: ticket.teamId,
        previousAgentId: ticket.agentId ?? '',
      },
    );
    await audit(
      tx,
      actor,
      action,
      { type: 'ticket', id: ticket.id },
      changesOf([
        { field: 'agentId', before: ticket.agentId, after: agentId },
        ...(status !== ticket.status ? [{ field: 'status', before: ticket.status, after: status }] : []),
      ]),
      details,
    );
    return this.tickets.changed(tx, ticket.id, 'assigned', actor);
  }

  /** Back to the queue: no agent, status new (an open ticket), history, event (the agent loses the account), audit. */
  async unassigned(tx: EntityManager, ticket: TicketRow, actor: Actor, reason: string): Promise<TicketRow> {
    if (!ownedStatuses.includes(ticket.status))
      throw new PreconditionError(`status: a ${ticket.status} ticket cannot go back to the queue`, {
        path: ['status'],
        rule: 'transition',
        from: ticket.status,
        to: 'new',
      });
    await tx.query(
      `UPDATE tickets SET agent_id = NULL, status = 'new', updated_by = $2, updated_at = now(), version = version + 1
        WHERE id = $1`,
      [ticket.id, actor.id],
    );
    await recordStatusHistory(tx, ticket.id, { from: ticket.status, to: 'new', at: new Date(), by: actor.id, reason });
    await recordEvent(
      tx,
      'ticketAssigned',
      actor,
      { type: 'ticket', id: ticket.id, version: ticket.version + 1 },
      {
        ticketId: ticket.id,
        accountId: ticket.accountId,
        agentId: '',
        teamId: ticket.teamId,
        previousAgentId: ticket.agentId ?? '',
      },
    );
    await audit(
      tx,
      actor,
      'ticket.unassigned',
      { type: 'ticket', id: ticket.id },
      changesOf([
        { field: 'agentId', before: ticket.agentId, after: null },
        { field: 'status', before: ticket.status, after: 'new' },
      ]),
      { reason },
    );
    return this.tickets.changed(tx, ticket.id, 'assigned', actor);
  }

  /** An agent's reply to the customer (the first one meets the first-response target) or an internal note. */
  async addMessage(ticketId: string, kind: MessageKind, body: string, actor: Actor): Promise<TicketRow> {
    const text = body.trim();
    if (!text) throw InputError.single(['body'], 'required', 'write the message');
    if (text.length > maxMessageLength)
      throw InputError.single(['body'], 'maxLength', `at most ${maxMessageLength} characters`);
    return this.tickets.dataSource.transaction(async (tx) => {
      const ticket = await this.tickets.lockForEdit(tx, ticketId, actor, ['ticketId']);
      if (ticket.status === 'closed')
        throw new PreconditionError('status: a closed ticket takes no more messages; reopen it first', {
          path: ['status'],
          rule: 'open',
        });
      const at = new Date();
      await tx.query(
        `INSERT INTO ticket_messages (id, ticket_id, kind, author, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), ticket.id, kind, actor.id, text, at],
      );
      if (kind === 'reply')
        await tx.query(
          `UPDATE tickets SET first_response_at = COALESCE(first_response_at, $2), last_agent_reply_at = $2,
             updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
          [ticket.id, at, actor.id],
        );
      await audit(
        tx,
        actor,
        kind === 'reply' ? 'ticket.replied' : 'ticket.noted',
        { type: 'ticket', id: ticket.id },
        [],
        {
          length: text.length,
        },
      );
      return this.tickets.changed(tx, ticket.id, 'message', actor);
    });
  }

  /** Writes a planned move: row, history, its one event, audit, listeners. */
  private async apply(tx: EntityManager, ticket: TicketRow, plan: StatusChangePlan, actor: Actor): Promise<TicketRow> {
    const reopened = plan.history.reason !== null && (ticket.status === 'resolved' || ticket.status === 'closed');
    await tx.query(
      `UPDATE tickets SET status = $2, resolved_at = $3, resolution_summary = $4, root_cause_category = $5,
         closed_at = CASE WHEN $2 = 'closed' THEN now() END,
         updated_by = $6, updated_at = now(), version = version + 1 WHERE id = $1`,
      [
        ticket.id,
        plan.status,
        plan.resolvedAt,
        plan.resolution?.summary ?? (plan.status === 'closed' ? ticket.resolutionSummary : null),
        plan.resolution?.rootCauseCategory ?? (plan.status === 'closed' ? ticket.rootCauseCategory : null),
        actor.id,
      ],
    );
    await recordStatusHistory(tx, ticket.id, {
      from: plan.history.from,
      to: plan.history.to,
      at: plan.history.at,
      by: plan.history.by,
      reason: plan.history.reason,
    });
    const kind = reopened
      ? 'ticketReopened'
      : plan.status === 'resolved'
        ? 'ticketResolved'
        : plan.status === 'closed'
          ? 'ticketClosed'
          : 'ticketStatusChanged';
    await recordEvent(
      tx,
      kind,
      actor,
      { type: 'ticket', id: ticket.id, version: ticket.version + 1 },
      {
        ticketId: ticket.id,
        previousStatus: ticket.status,
        status: plan.status,
        resolutionSummary: plan.resolution?.summary ?? '',
        rootCauseCategory: plan.resolution?.rootCauseCategory ?? '',
      },
    );
    await audit(
      tx,
      actor,
      reopened ? 'ticket.reopened' : `ticket.status.${plan.status}`,
      { type: 'ticket', id: ticket.id },
      changesOf([
        { field: 'status', before: ticket.status, after: plan.status },
        ...(plan.resolution
          ? [
              { field: 'resolutionSummary', before: ticket.resolutionSummary, after: plan.resolution.summary },
              {
                field: 'rootCauseCategory',
                before: ticket.rootCauseCategory,
                after: plan.resolution.rootCauseCategory,
              },
            ]
          : []),
      ]),
      plan.history.reason ? { reason: plan.history.reason } : {},
    );
    return this.tickets.changed(tx, ticket.id, reopened ? 'reopened' : 'status', actor);
  }
}
