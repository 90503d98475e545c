import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import { Roles, type Actor } from '@crm/platform/auth';
import { accountFactsFor, type AccountFacts, type CustomerAccounts } from '@crm/platform/customer-accounts';
import { InputError, NotAllowedError, NotFoundError, PreconditionError } from '@crm/platform/errors';
import { isUuid, requireUuid } from '@crm/platform/ids';
import { idempotentCreate } from '@crm/platform/idempotency';
import {
  boundedCountsPerParent,
  newestFirst,
  pagesPerParent,
  type CountablePage,
  type Page,
  type TotalCount,
} from '@crm/platform/pagination';
import { recordStatusHistory, ticketColumns, ticketsById, type TicketRow } from '../db/ticket-rows';
import { checkTicketFields, type TicketFieldsInput } from '../domain/ticket-input';
import { recordEvent } from '../events/ticket-events';
import { canCreateTickets, ticketAccess, ticketVisibilitySql, type AccessLevel } from '../policy/ticket-access';
import type { TicketChange, TicketChangeListeners } from './ticket-change-listeners';
import { ticketMessage } from './ticket-message';
import { listTickets, type TicketFilter, type TicketSort } from './ticket-list';

export interface CreateTicketInput extends TicketFieldsInput {
  accountId: string;
  contactId?: string | null;
  /** The queue (a team); the creator's team unless given. */
  teamId?: string | null;
  requesterEmail?: string | null;
  idempotencyKey?: string | null;
}

export interface TicketServiceOptions {
  exactCountUpTo: number;
  /** The queue tickets land in when their creator is in no team (crm-admin, the mail gateway). */
  defaultTeam: string;
  /** A token of the crm-services account: an account's existence and grade are checked with it, not the caller's. */
  serviceToken: () => Promise<string>;
  /** The managers of a team (Keycloak): a complaint tells them at creation. */
  teamManagers: (teamId: string) => Promise<string[]>;
}

/** Tickets: opened, read by the row rules, edited and deleted; status moves and assignment are in ticket-workflow.ts. */
export class TicketService {
  constructor(
    readonly dataSource: DataSource,
    private readonly customers: CustomerAccounts,
    readonly listeners: TicketChangeListeners,
    private readonly options: TicketServiceOptions,
  ) {}

  /** The actor's access to these tickets (after the row rules), from one read of their accounts' facts. */
  async accessLevels(manager: EntityManager, tickets: TicketRow[], actor: Actor): Promise<AccessLevel[]> {
    const facts: Map<string, AccountFacts> = await accountFactsFor(
      manager,
      actor,
      tickets.map((t) => t.accountId),
    );
    return tickets.map((t) => ticketAccess(actor, t, facts.get(t.accountId) ?? null));
  }

  async get(id: string, actor: Actor): Promise<TicketRow> {
    requireUuid(id, ['id']);
    const ticket = (await ticketsById(this.dataSource.manager, [id])).get(id);
    if (!ticket) throw new NotFoundError('ticket', id);
    const [level] = await this.accessLevels(this.dataSource.manager, [ticket], actor);
    if (level === 'none') throw new NotAllowedError(`ticket ${id} is not yours to see`, { ticketId: id });
    return ticket;
  }

  /** The tickets among `ids` the actor may read, in the order asked (missing and hidden ones left out). */
  async batchGet(ids: readonly string[], actor: Actor): Promise<TicketRow[]> {
    const rows = await ticketsById(this.dataSource.manager, ids.filter(isUuid));
    const found = ids.map((id) => rows.get(id)).filter((r): r is TicketRow => !!r);
    const levels = await this.accessLevels(this.dataSource.manager, found, actor);
    return found.filter((_, i) => levels[i] !== 'none');
  }

  /** Locks a ticket for a change and checks the actor may edit it. */
  async lockForEdit(
    tx: EntityManager,
    id: string,
    actor: Actor,
    path: (string | number)[] = ['id'],
  ): Promise<TicketRow> {
    requireUuid(id, path);
    const ticket = (await ticketsById(tx, [id], { lock: true })).get(id);
    if (!ticket) throw new NotFoundError('ticket', id);
    const [level] = await this.accessLevels(tx, [ticket], actor);
    if (level !== 'edit')
      throw new NotAllowedError(
        level === 'read' ? `you may read ticket ${id} but not change it` : `ticket ${id} is not yours`,
        { ticketId: id },
      );
    return ticket;
  }

  /** A page of the tickets the actor may see (application/ticket-list.ts: filters, SLA standing, sorts). */
  list(
    filter: TicketFilter,
    sort: TicketSort,
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
  ): Promise<CountablePage<TicketRow>> {
    return listTickets(this.dataSource, { filter, sort, first, after }, actor, this.options.exactCountUpTo);
  }

  /** One page of visible tickets per account, for a whole page of accounts in one statement. */
  async pagesByAccount(
    accountIds: readonly string[],
    first: number | null | undefined,
    after: string | null | undefined,
    actor: Actor,
    openOnly = false,
  ): Promise<Map<string, Page<TicketRow>>> {
    const visibility = ticketVisibilitySql(actor, 't', 2);
    return pagesPerParent<TicketRow>(this.dataSource, {
      childSql: `SELECT ${ticketColumns()} FROM tickets t WHERE t.account_id = parent.id AND t.deleted_at IS NULL
        ${openOnly ? `AND t.status NOT IN ('resolved', 'closed')` : ''} AND ${visibility.sql}`,
      parameters: visibility.params,
      parentIds: accountIds.filter(isUuid),
      ...newestFirst('t', 'created_at'),
      first,
      after,
      parentOf: (r) => r.accountId,
    });
  }

  countsByAccount(accountIds: readonly string[], actor: Actor, openOnly = false): Promise<Map<string, TotalCount>> {
    const visibility = ticketVisibilitySql(actor, 't', 2);
    return boundedCountsPerParent(
      this.dataSource,
      `SELECT 1 FROM tickets t WHERE t.account_id = parent.id AND t.deleted_at IS NULL
        ${openOnly ? `AND t.status NOT IN ('resolved', 'closed')` : ''} AND ${visibility.sql}`,
      visibility.params,
      accountIds.filter(isUuid),
      this.options.exactCountUpTo,
    );
  }

  /** Opens a ticket in a queue; the account must exist (checked with the service's own account: any account). */
  async create(input: CreateTicketInput, actor: Actor): Promise<TicketRow> {
    if (!canCreateTickets(actor))
      throw new NotAllowedError('only service staff and crm-admin open tickets', { role: 'service' });
    const fields = checkTicketFields(input);
    const accountId = requireUuid(input.accountId, ['input', 'accountId']);
    const contactId = input.contactId ? requireUuid(input.contactId, ['input', 'contactId']) : null;
    const teamId = this.queueOf(input.teamId, actor);
    // Checked with the service's own account: an agent opens tickets on accounts they cannot read (yet).
    const account = await this.customers.accountAccess(accountId, await this.options.serviceToken());
    if (!account.live) throw InputError.single(['input', 'accountId'], 'exists', 'no live account has this id');
    const { idempotencyKey, ...payload } = input;
    return this.dataSource.transaction((tx) =>
      idempotentCreate(
        tx,
        {
          caller: actor.id,
          key: idempotencyKey,
          operation: 'createTicket',
          payload,
          path: ['input', 'idempotencyKey'],
        },
        () =>
          this.insert(
            tx,
            { ...fields, accountId, contactId, teamId, requesterEmail: input.requesterEmail ?? null },
            actor,
          ),
        (row) => row.id,
        async (id) => (await ticketsById(tx, [id])).get(id)!,
      ),
    );
  }

  /** Writes a new ticket (status new, in its queue) with its history row, events and audit, then the listeners. */
  async insert(
    tx: EntityManager,
    ticket: ReturnType<typeof checkTicketFields> & {
      accountId: string;
      contactId: string | null;
      teamId: string;
      requesterEmail: string | null;
      createdAt?: Date;
    },
    actor: Actor,
  ): Promise<TicketRow> {
    const id = randomUUID();
    const at = ticket.createdAt ?? new Date();
    await tx.query(
      `INSERT INTO tickets (id, number, subject, description, channel, category, priority, complaint, status,
         account_id, contact_id, team_id, skills, requester_email, created_by, created_at, updated_by, updated_at)
       VALUES ($1, 'TK-' || to_char($14::timestamptz AT TIME ZONE 'UTC', 'YYYY') || '-'
                 || lpad(nextval('ticket_number_seq')::text, 6, '0'),
               $2, $3, $4, $5, $6, $7, 'new', $8, $9, $10, $11, $12, $13, $14, $13, $14)`,
      [
        id,
        ticket.subject,
        ticket.description,
        ticket.channel,
        ticket.category,
        ticket.priority,
        ticket.complaint,
        ticket.accountId,
        ticket.contactId,
        ticket.teamId,
        ticket.skills,
        ticket.requesterEmail,
        actor.id,
        at,
      ],
    );
    await recordStatusHistory(tx, id, { from: null, to: 'new', at, by: actor.id, reason: null });
    const row = (await ticketsById(tx, [id])).get(id)!;
    const aggregate = { type: 'ticket' as const, id, version: row.version };
    // A complaint (投诉) names its team's managers: the notification service tells them at once.
    const notifyManagerIds = row.complaint ? await this.options.teamManagers(row.teamId) : [];
    await recordEvent(tx, 'ticketCreated', actor, aggregate, { ticket: ticketMessage(row), notifyManagerIds });
    await recordEvent(tx, 'ticketAssigned', actor, aggregate, {
      ticketId: id,
      accountId: row.accountId,
      agentId: '',
      teamId: row.teamId,
      previousAgentId: '',
    });
    await audit(
      tx,
      actor,
      'ticket.created',
      { type: 'ticket', id },
      changesOf([
        { field: 'subject', before: null, after: row.subject },
        { field: 'accountId', before: null, after: row.accountId },
        { field: 'teamId', before: null, after: row.teamId },
        { field: 'priority', before: null, after: row.priority },
        { field: 'complaint', before: null, after: row.complaint },
      ]),
    );
    return this.changed(tx, id, 'created', actor);
  }

  /** Edits the given fields (null clears the contact); a priority or complaint change moves the SLA targets. */
  async update(
    id: string,
    input: TicketFieldsInput & { contactId?: string | null; expectedVersion?: number | null },
    actor: Actor,
  ): Promise<TicketRow> {
    return this.dataSource.transaction(async (tx) => {
      const ticket = await this.lockForEdit(tx, id, actor);
      if (input.expectedVersion != null && input.expectedVersion !== ticket.version)
        throw new PreconditionError(
          `version: the ticket is at version ${ticket.version}, not ${input.expectedVersion}`,
          {
            path: ['input', 'expectedVersion'],
            rule: 'version',
            version: ticket.version,
          },
        );
      const fields = checkTicketFields({
        subject: input.subject ?? ticket.subject,
        description: input.description ?? ticket.description,
        channel: ticket.channel,
        category: input.category ?? ticket.category,
        priority: input.priority ?? ticket.priority,
        complaint: input.complaint ?? ticket.complaint,
        skills: input.skills ?? ticket.skills,
      });
      const contactId =
        input.contactId === undefined
          ? ticket.contactId
          : input.contactId && requireUuid(input.contactId, ['input', 'contactId']);
      const changes = changesOf(
        [
          { field: 'subject', before: ticket.subject, after: fields.subject },
          { field: 'description', before: ticket.description, after: fields.description },
          { field: 'category', before: ticket.category, after: fields.category },
          { field: 'priority', before: ticket.priority, after: fields.priority },
          { field: 'complaint', before: ticket.complaint, after: fields.complaint },
          { field: 'skills', before: ticket.skills, after: fields.skills },
          { field: 'contactId', before: ticket.contactId, after: contactId ?? null },
        ].filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after)),
      );
      if (!changes.length) return ticket;
      await tx.query(
        `UPDATE tickets SET subject = $2, description = $3, category = $4, priority = $5, complaint = $6, skills = $7,
           contact_id = $8, updated_by = $9, updated_at = now(), version = version + 1 WHERE id = $1`,
        [
          id,
          fields.subject,
          fields.description,
          fields.category,
          fields.priority,
          fields.complaint,
          fields.skills,
          contactId ?? null,
          actor.id,
        ],
      );
      await audit(tx, actor, 'ticket.updated', { type: 'ticket', id }, changes);
      return this.changed(tx, id, 'updated', actor);
    });
  }

  /** Removes a ticket (service managers of its team and crm-admin): the customer service drops its agent's access. */
  async delete(id: string, reason: string, actor: Actor): Promise<boolean> {
    const why = reason.trim();
    if (!why) throw InputError.single(['reason'], 'required', 'say why the ticket is deleted');
    if (why.length > 2000) throw InputError.single(['reason'], 'maxLength', 'at most 2000 characters');
    if (!actor.roles.includes(Roles.admin) && !actor.roles.includes(Roles.serviceManager))
      throw new NotAllowedError('only service managers and crm-admin delete tickets', { ticketId: id });
    return this.dataSource.transaction(async (tx) => {
      const ticket = await this.lockForEdit(tx, id, actor);
      await tx.query(
        `UPDATE tickets SET deleted_at = now(), updated_by = $2, updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, actor.id],
      );
      await recordEvent(
        tx,
        'ticketDeleted',
        actor,
        { type: 'ticket', id, version: ticket.version + 1 },
        {
          ticketId: id,
          accountId: ticket.accountId,
        },
      );
      await audit(tx, actor, 'ticket.deleted', { type: 'ticket', id }, [], { reason: why, number: ticket.number });
      await this.listeners.run(tx, { ...ticket, version: ticket.version + 1 }, 'deleted', actor);
      return true;
    });
  }

  /** Re-reads a ticket after a change and runs the listeners on it. */
  async changed(tx: EntityManager, id: string, change: TicketChange, actor: Actor): Promise<TicketRow> {
    const row = (await ticketsById(tx, [id])).get(id)!;
    await this.listeners.run(tx, row, change, actor);
    return (await ticketsById(tx, [id])).get(id)!;
  }

  /** The queue a new ticket lands in: the one asked for (one of the creator's teams unless crm-admin), else theirs. */
  private queueOf(requested: string | null | undefined, actor: Actor): string {
    const team = requested?.trim();
    const admin = actor.roles.includes(Roles.admin);
    if (team) {
      if (team.length > 120) throw InputError.single(['input', 'teamId'], 'maxLength', 'at most 120 characters');
      if (!admin && !actor.teams.includes(team))
        throw InputError.single(['input', 'teamId'], 'own_team', 'must be one of your teams');
      return team;
    }
    return actor.teams[0] ?? this.options.defaultTeam;
  }
}
