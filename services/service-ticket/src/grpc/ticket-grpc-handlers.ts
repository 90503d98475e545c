import type { ticketV1 } from '@crm/contracts';
import { InputError } from '@crm/platform/errors';
import { actorOfCall, type CallContext } from '@crm/platform/grpc';
import { requireUuid } from '@crm/platform/ids';
import { ticketMessage } from '../application/ticket-message';
import type { TicketServices } from '../application/ticket-services';

/** The ticket service's gRPC API (proto/crm/ticket/v1/ticket.proto): the caller's row rules apply as in GraphQL. */
export function createTicketGrpcHandlers(services: TicketServices) {
  const { tickets } = services;
  return {
    async getTicket(req: ticketV1.GetTicketRequest, call: CallContext): Promise<ticketV1.GetTicketResponse> {
      return { ticket: ticketMessage(await tickets.get(requireUuid(req.id, ['id']), actorOfCall(call))) };
    },
    async batchGetTickets(
      req: ticketV1.BatchGetTicketsRequest,
      call: CallContext,
    ): Promise<ticketV1.BatchGetTicketsResponse> {
      if (req.ids.length > 500) throw InputError.single(['ids'], 'max_items', 'at most 500 ids per call');
      const rows = await tickets.batchGet(
        req.ids.map((id, i) => requireUuid(id, ['ids', i])),
        actorOfCall(call),
      );
      return { tickets: rows.map(ticketMessage) };
    },
    async listAccountTickets(
      req: ticketV1.ListAccountTicketsRequest,
      call: CallContext,
    ): Promise<ticketV1.ListAccountTicketsResponse> {
      const page = await tickets.list(
        { accountId: requireUuid(req.accountId, ['account_id']), openOnly: req.openOnly },
        'newest_first',
        req.page?.first || undefined,
        req.page?.after || undefined,
        actorOfCall(call),
      );
      return {
        tickets: page.items.map(ticketMessage),
        pageInfo: { endCursor: page.endCursor ?? '', hasNextPage: page.hasNextPage },
      };
    },
  };
}
