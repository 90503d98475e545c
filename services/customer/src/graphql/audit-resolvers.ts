import {
  auditChainReport,
  auditTrail,
  fieldHistory,
  recordCheckpointNow,
  requireAuditReader,
  type AuditRecord,
  type FieldChangeRecord,
} from '@crm/platform/audit';
import { redact } from '@crm/platform/graphql';
import type { Page } from '@crm/platform/pagination';
import type { Actor } from '@crm/platform/auth';
import { has } from '../policy/account-access';
import { sensitiveFieldNames } from '../domain/sensitive-terms';
import type { CustomerContext } from './context';
import { connection } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

const sensitive = new Set<string>(sensitiveFieldNames);

/**
 * The audit log keeps the real before/after values of credit and bank terms; only those who may read such fields
 * (finance, crm-admin) see them here. An auditor sees that they changed, when and by whom, with the values hidden
 * and named in extensions.redactedFields, like everywhere else.
 */
function mayReadSensitiveHistory(actor: Actor): boolean {
  return has(actor, 'crm-admin') || has(actor, 'finance');
}

function maskHistory(ctx: CustomerContext, page: Page<FieldChangeRecord>): Page<FieldChangeRecord> {
  if (mayReadSensitiveHistory(ctx.actor)) return page;
  return {
    ...page,
    items: page.items.map((item) => {
      if (!sensitive.has(item.field)) return item;
      redact(ctx, { type: 'FieldChange', id: String(item.seq), field: item.field });
      return { ...item, before: null, after: null };
    }),
  };
}

function maskTrail(ctx: CustomerContext, page: Page<AuditRecord>): Page<AuditRecord> {
  if (mayReadSensitiveHistory(ctx.actor)) return page;
  return {
    ...page,
    items: page.items.map((record) => {
      if (record.entityType !== 'account' || !record.changes.some((c) => sensitive.has(c.field))) return record;
      return {
        ...record,
        changes: record.changes.map((c) => {
          if (!sensitive.has(c.field)) return c;
          redact(ctx, { type: 'AuditRecord', id: String(record.seq), field: c.field });
          return { ...c, before: null, after: null };
        }),
      };
    }),
  };
}

/** customerAuditChainStatus, customerFieldHistory and customerAuditTrail over this service's audit log (@crm/platform/audit). */
export const auditResolvers: Resolvers = {
  Mutation: {
    recordCustomerAuditCheckpoint: (_, { baselineReason }, ctx) =>
      recordCheckpointNow(ctx.services.auditCheckpoints, ctx.actor, baselineReason),
  },
  Query: {
    customerAuditChainStatus: async (_, __, ctx) => {
      requireAuditReader(ctx.actor);
      return auditChainReport(ctx.services.dataSource, ctx.services.auditCheckpoints);
    },
    customerFieldHistory: async (_, args, ctx) => {
      requireAuditReader(ctx.actor);
      return connection(maskHistory(ctx, await fieldHistory(ctx.services.dataSource, args)));
    },
    customerAuditTrail: async (_, args, ctx) => {
      requireAuditReader(ctx.actor);
      return connection(maskTrail(ctx, await auditTrail(ctx.services.dataSource, args)));
    },
  },
};
