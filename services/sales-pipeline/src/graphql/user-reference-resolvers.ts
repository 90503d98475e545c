import type { Resolvers } from './generated/resolver-types';

/** A federation stub: the customer subgraph resolves the rest of the User from this id. */
function userReference(id: string | null): { __typename: 'User'; id: string } | null {
  return id ? { __typename: 'User', id } : null;
}

/** The people a deal, lead or quote names, as User references (see users.graphql). */
export const userReferenceResolvers: Resolvers = {
  Opportunity: {
    owner: (deal) => ({ __typename: 'User', id: deal.ownerId }),
  },
  Lead: {
    owner: (lead) => userReference(lead.ownerId),
  },
  Quote: {
    submittedByUser: (quote) => userReference(quote.submittedBy),
    decidedByUser: (quote) => userReference(quote.decidedBy),
  },
};
