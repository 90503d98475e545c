import type { Resolvers } from './generated/resolver-types';

/** The people a ticket names, as federation stubs the customer subgraph resolves (see users.graphql). */
export const userReferenceResolvers: Resolvers = {
  Ticket: {
    agent: (ticket) => (ticket.agentId ? { __typename: 'User', id: ticket.agentId } : null),
  },
};
