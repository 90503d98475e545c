import {
  childConnection,
  countedConnection,
  nullWhenNotFound,
  redact,
  scalarResolvers,
  totalCountResolvers,
} from '@crm/platform/graphql';
import { isUuid } from '@crm/platform/ids';
import { mayReadAccount } from '../policy/deal-access';
import type { Resolvers } from './generated/resolver-types';

/** Deals, and the Account they extend with `opportunities`. */
export const opportunityResolvers: Resolvers = {
  ...scalarResolvers,
  OpportunityStatus: { OPEN: 'open', WON: 'won', LOST: 'lost' },
  Query: {
    opportunity: async (_, { id }, ctx) => {
      if (!isUuid(id)) return null;
      // FORBIDDEN for a deal the caller may not see, so the page can say so; null when there is none.
      return nullWhenNotFound(ctx.services.opportunities.get(id, ctx.actor));
    },
    opportunities: async (_, { filter, first, after }, ctx) =>
      countedConnection(
        await ctx.services.opportunities.list(filter ?? {}, first, after, ctx.actor),
        ctx.services.exactCountUpTo,
      ),
  },
  Mutation: {
    createOpportunity: (_, { input }, ctx) =>
      ctx.services.opportunities.create(
        {
          name: input.name,
          accountId: input.accountId,
          pipelineId: input.pipelineId,
          stageId: input.stageId,
          amount: input.amount,
          currency: input.currency,
          expectedCloseOn: input.expectedCloseDate,
          nextStep: input.nextStep,
          description: input.description,
          ownerId: input.ownerId,
          idempotencyKey: input.idempotencyKey,
        },
        ctx.actor,
        ctx.token,
      ),
  },
  OpportunityConnection: totalCountResolvers,
  Account: {
    __resolveReference: (ref) => ({ id: ref.id }),
    opportunities: async (account, args, ctx) =>
      childConnection(await ctx.loaders.accountOpportunities(account, args), () =>
        ctx.loaders.accountOpportunityCounts(account),
      ),
  },
  Opportunity: {
    __resolveReference: (ref, ctx) => ctx.loaders.opportunity.load(ref.id),
    account: async (deal, _, ctx) => {
      // Seeing a deal (as a finance user, or through a share of it) does not open its account: only a caller who may
      // read the account gets the reference; the others get null, named in extensions.redactedFields.
      const facts = await ctx.loaders.accountFacts.load(deal.accountId);
      if (mayReadAccount(ctx.actor, facts)) return { id: deal.accountId };
      return redact(ctx, { type: 'Opportunity', id: deal.id, field: 'account' });
    },
    pipeline: async (deal, _, ctx) => (await ctx.loaders.pipeline.load(deal.pipelineId))!,
    stage: async (deal, _, ctx) => (await ctx.loaders.stage.load(deal.stageId))!,
    amount: (deal) => ({ amount: deal.amount, currencyCode: deal.currency }),
    expectedCloseDate: (deal) => deal.expectedCloseOn,
  },
};
