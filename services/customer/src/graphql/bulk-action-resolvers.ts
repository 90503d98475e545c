import type { Resolvers } from './generated/resolver-types';

/** Bulk actions of the accounts list (application/bulk-account-actions.ts). */
export const bulkActionResolvers: Resolvers = {
  Mutation: {
    bulkAssignAccounts: (_, { ids, ownerId }, ctx) => ctx.services.bulk.assign(ids, ownerId, ctx.actor),
    bulkTagAccounts: (_, { ids, add, remove }, ctx) => ctx.services.bulk.tag(ids, add ?? [], remove ?? [], ctx.actor),
    bulkReleaseAccounts: (_, { ids, reason }, ctx) => ctx.services.bulk.release(ids, reason, ctx.actor),
  },
};
