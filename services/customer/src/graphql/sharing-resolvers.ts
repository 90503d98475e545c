import type { AccessDecision, AccessRequest, AccessRequestStatus } from '../application/access-request-service';
import type { GrantAccess } from '../application/sharing-service';
import type { AccountRow } from '../db/account.entity';
import type { CustomerContext, PageArgs } from './context';
import { connection, countedConnection, requireUuid, totalCountResolvers } from './connection';

interface RequestListArgs {
  status?: AccessRequestStatus | null;
  first?: number | null;
  after?: string | null;
}

/** Shares and access requests: who else may read or edit an account, and until when. */
export const sharingResolvers = {
  AccountGrantAccess: { READ: 'read', EDIT: 'edit' },
  AccountGrantSource: { SHARE: 'share', ACCESS_REQUEST: 'access_request' },
  AccessRequestStatus: { PENDING: 'pending', APPROVED: 'approved', REJECTED: 'rejected' },
  AccessRequestDecision: { APPROVE: 'approve', REJECT: 'reject' },

  Query: {
    accountGrants: async (
      _: unknown,
      { accountId, first, after }: PageArgs & { accountId: string },
      ctx: CustomerContext,
    ) => connection(await ctx.services.sharing.grantsOf(accountId, ctx.actor, first, after)),
    accessRequests: async (_: unknown, args: RequestListArgs, ctx: CustomerContext) =>
      // The default lives here, not in the SDL: enum defaults there would bypass the enum's internal values.
      countedConnection(
        await ctx.services.accessRequests.forDecider(ctx.actor, args.status ?? 'pending', args.first, args.after),
        ctx.services.exactCountUpTo,
      ),
    myAccessRequests: async (_: unknown, args: RequestListArgs, ctx: CustomerContext) =>
      countedConnection(
        await ctx.services.accessRequests.mine(ctx.actor, args.status ?? null, args.first, args.after),
        ctx.services.exactCountUpTo,
      ),
  },

  AccessRequestConnection: totalCountResolvers,

  Mutation: {
    shareAccount: async (
      _: unknown,
      { input }: { input: { accountId: string; granteeId: string; access: GrantAccess; expiresAt?: Date | null } },
      ctx: CustomerContext,
    ) => {
      requireUuid(input.accountId, ['input', 'accountId']);
      return ctx.services.sharing.share(
        input.accountId,
        input.granteeId,
        input.access,
        input.expiresAt ?? null,
        ctx.actor,
      );
    },
    revokeAccountGrant: async (_: unknown, { input }: { input: { grantId: string } }, ctx: CustomerContext) =>
      ctx.services.sharing.revoke(input.grantId, ctx.actor),
    requestAccountAccess: async (
      _: unknown,
      { input }: { input: { accountId: string; access: GrantAccess; reason: string } },
      ctx: CustomerContext,
    ) => {
      requireUuid(input.accountId, ['input', 'accountId']);
      return ctx.services.accessRequests.requestAccess(input.accountId, input.access, input.reason, ctx.actor);
    },
    decideAccessRequest: async (
      _: unknown,
      {
        input,
      }: {
        input: { requestId: string; decision: AccessDecision; note?: string | null; grantExpiresAt?: Date | null };
      },
      ctx: CustomerContext,
    ) => (await ctx.services.accessRequests.decide(input, ctx.actor)).request,
  },

  Account: {
    grants: async (row: AccountRow, args: PageArgs, ctx: CustomerContext) =>
      connection(await ctx.loaders.accountGrants(row, args)),
  },
  AccessRequest: {
    account: (request: AccessRequest, _: unknown, ctx: CustomerContext) => ctx.loaders.account.load(request.accountId),
  },
};
