import { countedConnection, totalCountResolvers } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** Exchange rates: recorded and corrected by finance and crm-admin, read by everyone. */
export const exchangeRateResolvers: Resolvers = {
  Query: {
    exchangeRates: async (_, { currency, first, after }, ctx) =>
      countedConnection(await ctx.services.exchangeRates.list(currency, first, after), ctx.services.exactCountUpTo),
    exchangeRateOn: (_, { currency, date }, ctx) => ctx.services.exchangeRates.on(currency, date),
  },
  Mutation: {
    recordExchangeRate: (_, args, ctx) => ctx.services.exchangeRates.record(args, ctx.actor),
  },
  ExchangeRateConnection: totalCountResolvers,
};
