import { lookupTicketAccounts, ticketContactsOf } from '../application/ticket-account-lookup';
import type { Resolvers } from './generated/resolver-types';

/** ticketAccountLookup: the narrow account search service agents open tickets with (ticket-account-lookup.graphql). */
export const ticketAccountLookupResolvers: Resolvers = {
  Query: {
    ticketAccountLookup: (_, { search }, ctx) =>
      lookupTicketAccounts(ctx.services.dataSource.manager, search, ctx.actor, ctx.services.defaultCountry),
  },
  TicketAccountMatch: {
    owner: (match, _, ctx) => (match.ownerId ? ctx.loaders.user.load(match.ownerId) : null),
    contacts: async (match, _, ctx) =>
      (await ticketContactsOf(ctx.services.dataSource.manager, [match.id])).get(match.id) ?? [],
  },
};
