import type { Resolvers } from './generated/resolver-types';
import { countedConnection, requireUuid, totalCountResolvers } from './connection';

/** Saved views of the accounts list (application/saved-account-views.ts). */
export const savedViewResolvers: Resolvers = {
  Query: {
    savedAccountViews: async (_, { first, after }, ctx) =>
      countedConnection(await ctx.services.savedViews.list(ctx.actor, first, after), ctx.services.exactCountUpTo),
  },
  SavedAccountViewConnection: totalCountResolvers,
  Mutation: {
    saveAccountView: (_, { input }, ctx) => {
      if (input.id) requireUuid(input.id, ['input', 'id']);
      const sort = input.sort ? { field: input.sort.field, descending: input.sort.direction === 'DESC' } : null;
      return ctx.services.savedViews.save({ ...input, sort }, ctx.actor);
    },
    deleteAccountView: (_, { id }, ctx) => {
      requireUuid(id, ['id']);
      return ctx.services.savedViews.delete(id, ctx.actor);
    },
  },
  SavedAccountView: {
    owner: (view, _, ctx) => ctx.loaders.user.load(view.ownerId),
    sort: (view) => (view.sort ? { field: view.sort.field, direction: view.sort.descending ? 'DESC' : 'ASC' } : null),
  },
};
