import type { Resolvers } from './generated/resolver-types';
import { childConnection, countedConnection, requireUuid, totalCountResolvers } from './connection';

/** Shares and access requests: who else may read or edit an account, and until when. */
export const sharingResolvers: Resolvers = {
  AccountGrantAccess: { READ: 'read', EDIT: 'edit' },
  AccountGrantSource: { SHARE: 'share', ACCESS_REQUEST: 'access_request' },
  AccessRequestStatus: { PENDING: 'pending', APPROVED: 'approved', REJECTED: 'rejected' },
  AccessRequestDecision: { APPROVE: 'approve', REJECT: 'reject' },

  Query: {
    accountGrants: async (_, { accountId, first, after }, ctx) =>
      countedConnection(
        await ctx.services.sharing.grantsOf(accountId, ctx.actor, first, after),
        ctx.services.exactCountUpTo,
      ),
    accessRequests: async (_, args, ctx) =>
      // The default lives here, not in the SDL: enum defaults there would bypass the enum's internal values.
      countedConnection(
        await ctx.services.accessRequests.forDecider(ctx.actor, args.status ?? 'pending', args.first, args.after),
        ctx.services.exactCountUpTo,
      ),
    myAccessRequests: async (_, args, ctx) =>
      countedConnection(
        await ctx.services.accessRequests.mine(ctx.actor, args.status ?? null, args.first, args.after),
        ctx.services.exactCountUpTo,
      ),
  },

  AccessRequestConnection: totalCountResolvers,
  AccountGrantConnection: totalCountResolvers,

  Mutation: {
    shareAccount: (_, { input }, ctx) => {
      requireUuid(input.accountId, ['input', 'accountId']);
      return ctx.services.sharing.share(
        input.accountId,
        input.granteeId,
        input.access,
        input.expiresAt ?? null,
        ctx.actor,
      );
    },
    revokeAccountGrant: (_, { input }, ctx) => ctx.services.sharing.revoke(input.grantId, ctx.actor),
    requestAccountAccess: (_, { input }, ctx) => {
      requireUuid(input.accountId, ['input', 'accountId']);
      return ctx.services.accessRequests.requestAccess(input.accountId, input.access, input.reason, ctx.actor);
    },
    decideAccessRequest: async (_, { input }, ctx) =>
      (await ctx.services.accessRequests.decide(input, ctx.actor)).request,
  },

  Account: {
    grants: async (row, args, ctx) =>
      childConnection(await ctx.loaders.accountGrants(row, args), () => ctx.loaders.accountGrantCounts(row)),
  },
  AccessRequest: {
    account: (request, _, ctx) => ctx.loaders.account.load(request.accountId),
  },
};
