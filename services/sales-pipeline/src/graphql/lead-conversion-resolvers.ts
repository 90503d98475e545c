import type { Resolvers } from './generated/resolver-types';

/** The lead conversion saga and the dedupe candidates it starts from. */
export const leadConversionResolvers: Resolvers = {
  LeadConversionState: {
    STARTED: 'started',
    ACCOUNT_DONE: 'account_done',
    CONTACT_DONE: 'contact_done',
    COMPLETED: 'completed',
    ABANDONED: 'abandoned',
  },
  Query: {
    leadConversionCandidates: (_, { leadId }, ctx) =>
      ctx.services.leadConversions.candidates(leadId, ctx.actor, ctx.token),
  },
  Mutation: {
    convertLead: (_, { input }, ctx) => {
      const { opportunity, ...rest } = input;
      const deal = opportunity && {
        name: opportunity.name,
        amount: opportunity.amount,
        currency: opportunity.currency,
        pipelineId: opportunity.pipelineId,
        expectedCloseOn: opportunity.expectedCloseDate,
      };
      return ctx.services.leadConversions.convert({ ...rest, opportunity: deal }, ctx.actor, ctx.token);
    },
    abandonLeadConversion: (_, { id }, ctx) => ctx.services.leadConversions.abandon(id, ctx.actor),
  },
  LeadConversion: {
    lead: (conversion, _, ctx) => ctx.loaders.lead.load(conversion.leadId),
  },
};
