import DataLoader from 'dataloader';
import type { AttachmentRow } from '../db/attachment-rows';
import type { TicketContext } from './context';
import type { Resolvers } from './generated/resolver-types';

// One loader per request, kept beside its context: a page of tickets reads its attachments in one statement.
const loaders = new WeakMap<TicketContext, DataLoader<string, AttachmentRow[]>>();

function attachmentsLoader(ctx: TicketContext): DataLoader<string, AttachmentRow[]> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ticketIds: readonly string[]) => {
      const byTicket = await ctx.services.attachments.listOf(ticketIds);
      return ticketIds.map((id) => byTicket.get(id) ?? []);
    });
    loaders.set(ctx, loader);
  }
  return loader;
}

/** Attachments: their metadata on Ticket (whoever resolved the ticket may read it) and their deletion. */
export const attachmentResolvers: Resolvers = {
  Ticket: {
    attachments: (ticket, _, ctx) => attachmentsLoader(ctx).load(ticket.id),
  },
  TicketAttachment: {
    downloadPath: (attachment) => `/tickets/${attachment.ticketId}/attachments/${attachment.id}`,
  },
  Mutation: {
    deleteTicketAttachment: (_, { id }, ctx) => ctx.services.attachments.delete(id, ctx.actor),
  },
};
