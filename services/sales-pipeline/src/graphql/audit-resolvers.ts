import { auditChainReport, auditTrail, fieldHistory } from '@crm/platform/audit';
import { Roles, type Actor } from '@crm/platform/auth';
import { NotAllowedError } from '@crm/platform/errors';
import { connection } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** The audit log is for auditors and crm-admin; everyone else gets FORBIDDEN. */
function requireAuditReader(actor: Actor): void {
  if (!actor.roles.includes(Roles.auditor) && !actor.roles.includes(Roles.admin)) {
    throw new NotAllowedError('only auditors and crm-admin may read the audit log');
  }
}

/** salesAuditChainStatus, salesFieldHistory and salesAuditTrail over this service's audit log (@crm/platform/audit). */
export const auditResolvers: Resolvers = {
  Mutation: {
    recordSalesAuditCheckpoint: async (_, { baselineReason }, ctx) => {
      requireAuditReader(ctx.actor);
      if (!ctx.services.auditCheckpoints) throw new NotAllowedError('checkpoints are not available in this process');
      const recorded = await ctx.services.auditCheckpoints.record(ctx.actor, {
        baselineReason: baselineReason ?? undefined,
      });
      return recorded
        ? { ok: true, seq: recorded.seq, hash: recorded.hash, at: recorded.at, message: `anchored seq ${recorded.seq}` }
        : { ok: true, seq: null, hash: null, at: null, message: 'the audit log is empty' };
    },
  },
  Query: {
    salesAuditChainStatus: async (_, __, ctx) => {
      requireAuditReader(ctx.actor);
      return auditChainReport(ctx.services.dataSource, ctx.services.auditCheckpoints);
    },
    salesFieldHistory: async (_, args, ctx) => {
      requireAuditReader(ctx.actor);
      return connection(await fieldHistory(ctx.services.dataSource, args));
    },
    salesAuditTrail: async (_, args, ctx) => {
      requireAuditReader(ctx.actor);
      return connection(await auditTrail(ctx.services.dataSource, args));
    },
  },
};
