import DataLoader from 'dataloader';
import { termsOf } from '../application/account-service';
import type { SensitiveTerms } from '../domain/sensitive-terms';
import { auditEntry, appendAudit } from '@crm/platform/audit';
import { redact } from '@crm/platform/graphql';
import { canReadSensitive } from '../policy/account-access';
import type { CustomerContext } from './context';
import type { ResolverFn, ResolversParentTypes } from './generated/resolver-types';

/** A field resolver of Account without arguments (the generated parent and context types). */
type AccountFieldResolver<T> = ResolverFn<
  T | null,
  ResolversParentTypes['Account'],
  CustomerContext,
  Record<PropertyKey, never>
>;

/**
 * Resolver of one sensitive Account field: the value for finance, the team's manager and crm-admin (after the read
 * is written to the audit log), null for anyone else with the field named in extensions.redactedFields.
 */
export function sensitiveField<F extends keyof SensitiveTerms>(field: F): AccountFieldResolver<SensitiveTerms[F]> {
  return async (row, _args, ctx) => {
    if (!canReadSensitive(ctx.actor, row.teamId)) return redact(ctx, { type: 'Account', id: row.id, field });
    const value = termsOf(row)[field];
    if (value === null) return null;
    const fields = ctx.sensitiveReads.get(row.id) ?? new Set<string>();
    fields.add(field);
    ctx.sensitiveReads.set(row.id, fields);
    await ctx.loaders.sensitiveReadAudit.load(row.id);
    return value;
  };
}

/** One audit row per account whose sensitive fields a request read; written before the values are returned. */
export function sensitiveReadAuditLoader(
  ctx: Pick<CustomerContext, 'actor' | 'services' | 'sensitiveReads'>,
): DataLoader<string, true> {
  return new DataLoader<string, true>(async (accountIds) => {
    await ctx.services.dataSource.transaction((tx) =>
      appendAudit(
        tx,
        accountIds.map((id) =>
          auditEntry(ctx.actor, 'account.read_sensitive', { type: 'account', id }, [], {
            fields: [...(ctx.sensitiveReads.get(id) ?? [])].sort(),
          }),
        ),
      ),
    );
    return accountIds.map(() => true as const);
  });
}
