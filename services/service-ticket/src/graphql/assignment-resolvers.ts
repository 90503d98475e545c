import { countedConnection, totalCountResolvers } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** Assignment rules of the queues (crm-admin, service managers) and an agent's claim of a queue ticket. */
export const assignmentResolvers: Resolvers = {
  TicketAssignmentStrategy: { ROUND_ROBIN: 'round_robin', LEAST_LOADED: 'least_loaded' },
  Query: {
    ticketAssignmentRules: async (_, { first, after }, ctx) =>
      countedConnection(
        await ctx.services.assignmentRules.list({ first, after }, ctx.actor),
        ctx.services.exactCountUpTo,
      ),
  },
  TicketAssignmentRuleConnection: totalCountResolvers,
  Mutation: {
    defineTicketAssignmentRule: (_, { input }, ctx) => ctx.services.assignmentRules.define(input, ctx.actor),
    updateTicketAssignmentRule: (_, { id, input }, ctx) => ctx.services.assignmentRules.update(id, input, ctx.actor),
    deleteTicketAssignmentRule: (_, { id }, ctx) => ctx.services.assignmentRules.delete(id, ctx.actor),
    claimTicket: (_, { id }, ctx) => ctx.services.workflow.assign(id, ctx.actor.id, ctx.actor, true),
  },
};
