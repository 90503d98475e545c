import { Roles } from '@crm/platform/auth';
import { mayReadAccount } from '@crm/platform/customer-accounts';
import {
  childConnection,
  connection,
  countedConnection,
  nullWhenNotFound,
  redact,
  scalarResolvers,
  totalCountResolvers,
} from '@crm/platform/graphql';
import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import type { TicketRow } from '../db/ticket-rows';
import { reopenDeadline } from '../domain/ticket-lifecycle';
import type { TicketContext } from './context';
import type { Resolvers } from './generated/resolver-types';

/**
 * The ticket's account (and contact) for callers who may read it: by the account rule, or as the ticket's agent (the
 * customer service opens the account to them through the assignment event); hidden with the reason otherwise.
 */
async function opensAccount(ticket: TicketRow, ctx: TicketContext): Promise<boolean> {
  if (ticket.agentId === ctx.actor.id) return true;
  // The team's service managers read the accounts of their queues' tickets (the customer service's ticket projection).
  if (ctx.actor.roles.includes(Roles.serviceManager) && ctx.actor.teams.includes(ticket.teamId)) return true;
  const facts = await ctx.loaders.accountFacts.load(ticket.accountId);
  return mayReadAccount(ctx.actor, facts);
}

/** Tickets: the queries and mutations of their lifecycle, and the Account they extend with `tickets`. */
export const ticketResolvers: Resolvers = {
  ...scalarResolvers,
  TicketChannel: { PHONE: 'phone', EMAIL: 'email', WEB_FORM: 'web_form', WECHAT: 'wechat', PORTAL: 'portal' },
  TicketPriority: { URGENT: 'urgent', HIGH: 'high', NORMAL: 'normal', LOW: 'low' },
  TicketStatus: {
    NEW: 'new',
    ASSIGNED: 'assigned',
    IN_PROGRESS: 'in_progress',
    WAITING_ON_CUSTOMER: 'waiting_on_customer',
    RESOLVED: 'resolved',
    CLOSED: 'closed',
  },
  TicketMessageKind: { CUSTOMER: 'customer', REPLY: 'reply', NOTE: 'note' },
  TicketSort: { NEWEST_FIRST: 'newest_first', NEXT_DEADLINE: 'next_deadline' },
  Query: {
    ticket: async (_, { id }, ctx) => {
      if (!isUuid(id)) return null;
      return nullWhenNotFound(ctx.services.tickets.get(id, ctx.actor));
    },
    tickets: async (_, { filter, sort, first, after }, ctx) =>
      countedConnection(
        await ctx.services.tickets.list(filter ?? {}, sort ?? 'newest_first', first, after, ctx.actor),
        ctx.services.exactCountUpTo,
      ),
    ticketRootCauseCategories: (_, __, ctx) => [...ctx.services.lifecycle.rootCauseCategories],
  },
  Mutation: {
    createTicket: (_, { input }, ctx) =>
      ctx.services.tickets.create(
        {
          accountId: input.accountId,
          contactId: input.contactId,
          subject: input.subject,
          description: input.description,
          channel: input.channel,
          category: input.category,
          priority: input.priority,
          complaint: input.complaint,
          skills: input.skills,
          teamId: input.teamId,
          requesterEmail: input.requesterEmail,
          idempotencyKey: input.idempotencyKey,
        },
        ctx.actor,
      ),
    updateTicket: (_, { id, input }, ctx) =>
      ctx.services.tickets.update(
        id,
        {
          subject: input.subject,
          description: input.description,
          category: input.category,
          priority: input.priority,
          complaint: input.complaint,
          skills: input.skills,
          contactId: input.contactId,
          expectedVersion: input.expectedVersion,
        },
        ctx.actor,
      ),
    changeTicketStatus: (_, { id, status, resolution }, ctx) =>
      ctx.services.workflow.changeStatus(id, status, resolution, ctx.actor),
    reopenTicket: (_, { id, reason }, ctx) => ctx.services.workflow.reopen(id, reason, ctx.actor),
    assignTicket: (_, { id, agentId }, ctx) => ctx.services.workflow.assign(id, agentId ?? null, ctx.actor),
    addTicketMessage: (_, { ticketId, kind, body }, ctx) => {
      if (kind === 'customer')
        throw InputError.single(['kind'], 'agent_message', 'customer messages arrive by email; write a REPLY or NOTE');
      return ctx.services.workflow.addMessage(ticketId, kind, body, ctx.actor);
    },
    deleteTicket: (_, { id, reason }, ctx) => ctx.services.tickets.delete(id, reason, ctx.actor),
  },
  TicketConnection: totalCountResolvers,
  Account: {
    __resolveReference: (ref) => ({ id: ref.id }),
    tickets: async (account, { first, after, openOnly }, ctx) =>
      openOnly
        ? childConnection(await ctx.loaders.accountOpenTickets(account, { first, after }), () =>
            ctx.loaders.accountOpenTicketCounts(account),
          )
        : childConnection(await ctx.loaders.accountTickets(account, { first, after }), () =>
            ctx.loaders.accountTicketCounts(account),
          ),
  },
  Ticket: {
    __resolveReference: (ref, ctx) => ctx.loaders.ticket.load(ref.id),
    account: async (ticket, _, ctx) =>
      (await opensAccount(ticket, ctx))
        ? { id: ticket.accountId }
        : redact(ctx, { type: 'Ticket', id: ticket.id, field: 'account' }),
    contact: async (ticket, _, ctx) => {
      if (!ticket.contactId) return null;
      return (await opensAccount(ticket, ctx))
        ? { id: ticket.contactId }
        : redact(ctx, { type: 'Ticket', id: ticket.id, field: 'contact' });
    },
    reopenableUntil: (ticket, _, ctx) =>
      ticket.resolvedAt ? reopenDeadline(ticket.resolvedAt, ctx.services.lifecycle) : null,
    history: async (ticket, args, ctx) => connection(await ctx.loaders.history(ticket, args)),
    messages: async (ticket, args, ctx) => connection(await ctx.loaders.messages(ticket, args)),
  },
  TicketEvent: {
    actorId: (event) => event.byUser,
  },
};
