import type { Resolvers } from './generated/resolver-types';

/** crm-admin's web forms. */
export const webFormResolvers: Resolvers = {
  Query: {
    webForms: (_, __, ctx) => ctx.services.webForms.list(ctx.actor),
  },
  Mutation: {
    createWebForm: (_, { input }, ctx) => ctx.services.webForms.create(input, ctx.actor),
    deactivateWebForm: (_, { id }, ctx) => ctx.services.webForms.deactivate(id, ctx.actor),
  },
};
