import type { Resolvers } from './generated/resolver-types';

/** Assignment rules of the queues (crm-admin, service managers) and an agent's claim of a queue ticket. */
export const assignmentResolvers: Resolvers = {
  TicketAssignmentStrategy: { ROUND_ROBIN: 'round_robin', LEAST_LOADED: 'least_loaded' },
  Query: {
    ticketAssignmentRules: (_, __, ctx) => ctx.services.assignmentRules.list(ctx.actor),
  },
  Mutation: {
    defineTicketAssignmentRule: (_, { input }, ctx) => ctx.services.assignmentRules.define(input, ctx.actor),
    updateTicketAssignmentRule: (_, { id, input }, ctx) => ctx.services.assignmentRules.update(id, input, ctx.actor),
    deleteTicketAssignmentRule: (_, { id }, ctx) => ctx.services.assignmentRules.delete(id, ctx.actor),
    claimTicket: (_, { id }, ctx) => ctx.services.workflow.assign(id, ctx.actor.id, ctx.actor, true),
  },
};
