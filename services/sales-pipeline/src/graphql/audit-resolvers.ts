import {
  auditChainReport,
  auditTrail,
  fieldHistory,
  recordCheckpointNow,
  requireAuditReader,
} from '@crm/platform/audit';
import { connection } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** salesAuditChainStatus, salesFieldHistory and salesAuditTrail over this service's audit log (@crm/platform/audit). */
export const auditResolvers: Resolvers = {
  Mutation: {
    recordSalesAuditCheckpoint: (_, { baselineReason }, ctx) =>
      recordCheckpointNow(ctx.services.auditCheckpoints, ctx.actor, baselineReason),
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
