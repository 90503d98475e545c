import {
  auditTrail,
  fieldHistory,
  verifyAuditChain,
  type AuditChainVerification,
  type AuditRecord,
  type FieldChangeRecord,
} from '@crm/platform/audit';
import { NotAllowedError } from '@crm/platform/errors';
import { redact } from '@crm/platform/graphql';
import type { Page } from '@crm/platform/pagination';
import type { Actor } from '../application/actor';
import { has } from '../policy/account-access';
import { sensitiveFieldNames } from '../domain/sensitive-terms';
import type { CustomerContext } from './context';
import { connection, type Connection } from '@crm/platform/graphql';

/** The audit log is for auditors and crm-admin; everyone else gets FORBIDDEN. */
function requireAuditReader(actor: Actor): void {
  if (!has(actor, 'auditor') && !has(actor, 'crm-admin')) {
    throw new NotAllowedError('only auditors and crm-admin may read the audit log');
  }
}

interface AuditChainStatus {
  checkpoint?: { ok: boolean; seq: number | null; hash: string | null; at: Date | null; message: string };
  ok: boolean;
  rows: number;
  lastSeq: number | null;
  lastHash: string | null;
  firstBrokenSeq: number | null;
  reason: string | null;
  message: string | null;
}

function chainStatus(result: AuditChainVerification): AuditChainStatus {
  return result.ok
    ? { ...result, firstBrokenSeq: null, reason: null, message: null }
    : { ...result, lastSeq: null, lastHash: null, reason: result.reason.toUpperCase() };
}

interface FieldHistoryArgs {
  entityType: string;
  entityId: string;
  field?: string | null;
  first?: number | null;
  after?: string | null;
}

interface AuditTrailArgs {
  entityType?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
  first?: number | null;
  after?: string | null;
}

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
export const auditResolvers = {
  Mutation: {
    recordCustomerAuditCheckpoint: async (
      _: unknown,
      { baselineReason }: { baselineReason?: string | null },
      ctx: CustomerContext,
    ) => {
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
    customerAuditChainStatus: async (_: unknown, _args: unknown, ctx: CustomerContext): Promise<AuditChainStatus> => {
      requireAuditReader(ctx.actor);
      // One snapshot of the chain, even if a retention purge runs meanwhile.
      const result = await ctx.services.dataSource.transaction('REPEATABLE READ', (tx) => verifyAuditChain(tx));
      const status = chainStatus(result);
      const comparison = ctx.services.auditCheckpoints
        ? await ctx.services.auditCheckpoints.compare()
        : { checkpoint: null, ok: true, message: 'checkpoints are not available in this process' };
      const checkpoint = {
        ok: comparison.ok,
        seq: comparison.checkpoint?.seq ?? null,
        hash: comparison.checkpoint?.hash ?? null,
        at: comparison.checkpoint?.at ?? null,
        message: comparison.message,
      };
      if (status.ok && !comparison.ok) {
        return {
          ...status,
          ok: false,
          lastSeq: null,
          lastHash: null,
          firstBrokenSeq: comparison.checkpoint?.seq ?? null,
          reason: 'CHECKPOINT_MISMATCH',
          message: comparison.message,
          checkpoint,
        };
      }
      return { ...status, checkpoint };
    },
    customerFieldHistory: async (
      _: unknown,
      args: FieldHistoryArgs,
      ctx: CustomerContext,
    ): Promise<Connection<FieldChangeRecord>> => {
      requireAuditReader(ctx.actor);
      return connection(maskHistory(ctx, await fieldHistory(ctx.services.dataSource, args)));
    },
    customerAuditTrail: async (
      _: unknown,
      args: AuditTrailArgs,
      ctx: CustomerContext,
    ): Promise<Connection<AuditRecord>> => {
      requireAuditReader(ctx.actor);
      return connection(maskTrail(ctx, await auditTrail(ctx.services.dataSource, args)));
    },
  },
};
