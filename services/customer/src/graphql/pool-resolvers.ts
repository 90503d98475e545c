import type { Resolvers } from './generated/resolver-types';
import { requireUuid } from './connection';

/** The customer pool (公海): claim, release, and the caller's quota. */
export const poolResolvers: Resolvers = {
  Query: {
    poolQuota: (_, __, ctx) => ctx.services.pool.quota(ctx.actor),
  },
  Mutation: {
    claimAccount: (_, { input }, ctx) => {
      requireUuid(input.accountId, ['input', 'accountId']);
      return ctx.services.pool.claim(input.accountId, ctx.actor);
    },
    releaseAccount: (_, { input }, ctx) => {
      requireUuid(input.accountId, ['input', 'accountId']);
      return ctx.services.pool.release(input.accountId, input.reason, ctx.actor);
    },
  },
};
