import {
  auditChainReport,
  auditTrail,
  fieldHistory,
  recordCheckpointNow,
  requireAuditReader,
} from '@crm/platform/audit';
import { connection } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** ticketAuditChainStatus, ticketFieldHistory and ticketAuditTrail over this service's audit log (@crm/platform/audit). */
export const auditResolvers: Resolvers = {
  Mutation: {
    recordTicketAuditCheckpoint: (_, { baselineReason }, ctx) =>
      recordCheckpointNow(ctx.services.auditCheckpoints, ctx.actor, baselineReason),
  },
  Query: {
    ticketAuditChainStatus: async (_, __, ctx) => {
      requireAuditReader(ctx.actor);
      return auditChainReport(ctx.services.dataSource, ctx.services.auditCheckpoints);
    },
    ticketFieldHistory: async (_, args, ctx) => {
      requireAuditReader(ctx.actor);
      return connection(await fieldHistory(ctx.services.dataSource, args));
    },
    ticketAuditTrail: async (_, args, ctx) => {
      requireAuditReader(ctx.actor);
      return connection(await auditTrail(ctx.services.dataSource, args));
    },
  },
};
