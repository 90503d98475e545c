import { countedConnection, nullWhenNotFound, totalCountResolvers } from '@crm/platform/graphql';
import { isUuid } from '@crm/platform/ids';
import type { Resolvers } from './generated/resolver-types';

/** A deal's line items and its quotes (application/line-item-service.ts, application/quote-service.ts). */
export const quoteResolvers: Resolvers = {
  QuoteStatus: {
    DRAFT: 'draft',
    SUBMITTED: 'submitted',
    APPROVED: 'approved',
    REJECTED: 'rejected',
    ACCEPTED: 'accepted',
    DECLINED: 'declined',
    SUPERSEDED: 'superseded',
  },
  Query: {
    quote: async (_, { id }, ctx) => {
      if (!isUuid(id)) return null;
      // FORBIDDEN for a quote of a deal the caller may not see; null when there is none.
      return nullWhenNotFound(ctx.services.quotes.get(id, ctx.actor));
    },
    quotesAwaitingMyApproval: async (_, { first, after }, ctx) =>
      countedConnection(
        await ctx.services.quotes.awaitingApprovalBy(ctx.actor, first, after),
        ctx.services.exactCountUpTo,
      ),
  },
  Mutation: {
    setOpportunityLineItems: (_, { opportunityId, items, expectedVersion }, ctx) =>
      ctx.services.lineItems.set(
        opportunityId,
        items.map((item) => ({
          productId: item.productId,
          quantity: item.quantity,
          unitPrice: item.unitPrice,
          discountPercent: item.discountPercent,
        })),
        expectedVersion,
        ctx.actor,
      ),
    createQuote: (_, { input }, ctx) =>
      ctx.services.quotes.create(
        {
          opportunityId: input.opportunityId,
          validUntil: input.validUntil,
          notes: input.notes,
          idempotencyKey: input.idempotencyKey,
        },
        ctx.actor,
      ),
    submitQuote: (_, { id }, ctx) => ctx.services.quotes.submit(id, ctx.actor),
    approveQuote: (_, { id, comment }, ctx) => ctx.services.quotes.decide(id, { kind: 'approve', comment }, ctx.actor),
    rejectQuote: (_, { id, comment }, ctx) => ctx.services.quotes.decide(id, { kind: 'reject', comment }, ctx.actor),
    acceptQuote: (_, { id }, ctx) => ctx.services.quotes.accept(id, ctx.actor),
  },
  QuoteConnection: totalCountResolvers,
  Opportunity: {
    lineItems: (deal, _, ctx) => ctx.commercial.dealLineItems.load(deal.id),
    quotes: (deal, _, ctx) => ctx.commercial.dealQuotes.load(deal.id),
  },
  Quote: {
    __resolveReference: (ref, ctx) => ctx.commercial.quote.load(ref.id),
    opportunity: async (quote, _, ctx) => (await ctx.loaders.opportunity.load(quote.opportunityId))!,
    lines: (quote, _, ctx) => ctx.commercial.quoteLines.load(quote.id),
    total: (quote) => ({ amount: quote.total, currencyCode: quote.currency }),
  },
  LineItem: {
    product: async (line, _, ctx) => (await ctx.commercial.product.load(line.productId))!,
    unitPrice: (line) => ({ amount: line.unitPrice, currencyCode: line.currency }),
    lineTotal: (line) => ({ amount: line.lineTotal, currencyCode: line.currency }),
  },
};
