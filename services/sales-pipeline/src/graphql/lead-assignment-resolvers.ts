import type { Resolvers } from './generated/resolver-types';

/** crm-admin's lead assignment rules. */
export const leadAssignmentResolvers: Resolvers = {
  LeadAssignmentStrategy: { ROUND_ROBIN: 'round_robin', TERRITORY: 'territory', LEAST_LOADED: 'least_loaded' },
  Query: {
    leadAssignmentRules: (_, __, ctx) => ctx.services.leadAssignment.list(ctx.actor),
  },
  Mutation: {
    defineLeadAssignmentRule: (_, { input }, ctx) => ctx.services.leadAssignment.define({ ...input }, ctx.actor),
    deleteLeadAssignmentRule: (_, { id }, ctx) => ctx.services.leadAssignment.delete(id, ctx.actor),
  },
  LeadAssignmentRule: {
    match: (rule) => ({
      regions: rule.match.regions ?? [],
      industries: rule.match.industries ?? [],
      sources: rule.match.sources ?? [],
    }),
  },
};
