import { countedConnection, totalCountResolvers } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** crm-admin's web forms. */
export const webFormResolvers: Resolvers = {
  Query: {
    webForms: async (_, { first, after }, ctx) =>
      countedConnection(await ctx.services.webForms.list(ctx.actor, first, after), ctx.services.exactCountUpTo),
  },
  Mutation: {
    createWebForm: (_, { input }, ctx) => ctx.services.webForms.create(input, ctx.actor),
    deactivateWebForm: (_, { id }, ctx) => ctx.services.webForms.deactivate(id, ctx.actor),
  },
  WebFormConnection: totalCountResolvers,
};
