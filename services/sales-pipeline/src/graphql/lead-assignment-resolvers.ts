import { countedConnection, totalCountResolvers } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** crm-admin's lead assignment rules. */
export const leadAssignmentResolvers: Resolvers = {
  LeadAssignmentStrategy: { ROUND_ROBIN: 'round_robin', TERRITORY: 'territory', LEAST_LOADED: 'least_loaded' },
  Query: {
    leadAssignmentRules: async (_, { first, after }, ctx) =>
      countedConnection(await ctx.services.leadAssignment.list(ctx.actor, first, after), ctx.services.exactCountUpTo),
  },
  Mutation: {
    defineLeadAssignmentRule: (_, { input }, ctx) => ctx.services.leadAssignment.define({ ...input }, ctx.actor),
    deleteLeadAssignmentRule: (_, { id }, ctx) => ctx.services.leadAssignment.delete(id, ctx.actor),
  },
  LeadAssignmentRuleConnection: totalCountResolvers,
  LeadAssignmentRule: {
    match: (rule) => ({
      regions: rule.match.regions ?? [],
      industries: rule.match.industries ?? [],
      sources: rule.match.sources ?? [],
    }),
  },
};
