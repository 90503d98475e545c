import type { CustomerContext } from './context';
import { requireUuid } from './connection';

/** The customer pool (公海): claim, release, and the caller's quota. */
export const poolResolvers = {
  Query: {
    poolQuota: async (_: unknown, __: unknown, ctx: CustomerContext) => ctx.services.pool.quota(ctx.actor),
  },
  Mutation: {
    claimAccount: async (_: unknown, { input }: { input: { accountId: string } }, ctx: CustomerContext) => {
      requireUuid(input.accountId, ['input', 'accountId']);
      return ctx.services.pool.claim(input.accountId, ctx.actor);
    },
    releaseAccount: async (
      _: unknown,
      { input }: { input: { accountId: string; reason: string } },
      ctx: CustomerContext,
    ) => {
      requireUuid(input.accountId, ['input', 'accountId']);
      return ctx.services.pool.release(input.accountId, input.reason, ctx.actor);
    },
  },
};
