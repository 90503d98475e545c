import { connection, redact } from '@crm/platform/graphql';
import { accountTimeline, type TimelineEntry } from '../application/account-timeline';
import type { UserProfile } from '../application/user-profiles';
import { sensitiveFieldNames } from '../domain/sensitive-terms';
import { isUuid } from '../domain/uuid';
import { canReadSensitive } from '../policy/account-access';
import type { CustomerContext } from './context';
import type { Resolvers } from './generated/resolver-types';

const sensitive = new Set<string>(sensitiveFieldNames);
/** Recorded fields whose values are Keycloak user ids (accounts' and contacts' owners). */
const userFields = new Set(['ownerId']);

/** The User a user-id field's value names, for the timeline to show a name instead of the id. */
function userOf(ctx: CustomerContext, field: string, value: unknown): Promise<UserProfile> | null {
  return userFields.has(field) && typeof value === 'string' && isUuid(value) ? ctx.loaders.user.load(value) : null;
}

/**
 * Values of sensitive fields in account changes follow the field's own rule (sensitive-fields.ts): hidden and named
 * in extensions.redactedFields for whoever may not read them, and an audited sensitive read for whoever may.
 */
async function guardSensitive(
  ctx: CustomerContext,
  accountId: string,
  teamId: string | null,
  entry: TimelineEntry,
): Promise<TimelineEntry> {
  if (entry.entityType !== 'account' || !entry.changes.some((c) => sensitive.has(c.field))) return entry;
  if (!canReadSensitive(ctx.actor, teamId)) {
    return {
      ...entry,
      changes: entry.changes.map((c) => {
        if (!sensitive.has(c.field)) return c;
        redact(ctx, { type: 'TimelineEntry', id: entry.id, field: c.field });
        return { ...c, before: null, after: null };
      }),
    };
  }
  const fields = ctx.sensitiveReads.get(accountId) ?? new Set<string>();
  for (const c of entry.changes) if (sensitive.has(c.field)) fields.add(c.field);
  ctx.sensitiveReads.set(accountId, fields);
  await ctx.loaders.sensitiveReadAudit.load(accountId);
  return entry;
}

/** Account.timeline (application/account-timeline.ts); the account itself was already read under the row rules. */
export const timelineResolvers: Resolvers = {
  Account: {
    timeline: async (row, args, ctx) => {
      const page = await accountTimeline(ctx.services.dataSource.manager, row.id, args);
      const items = await Promise.all(page.items.map((entry) => guardSensitive(ctx, row.id, row.teamId, entry)));
      return connection({ ...page, items });
    },
  },
  TimelineEntry: {
    actor: (entry, _, ctx) => (entry.actorId === 'system' ? null : ctx.loaders.user.load(entry.actorId)),
    title: async (entry, _, ctx) =>
      entry.activityId ? ((await ctx.loaders.activity.load(entry.activityId))?.subject ?? '') : (entry.action ?? ''),
    activity: (entry, _, ctx) => (entry.activityId ? ctx.loaders.activity.load(entry.activityId) : null),
  },
  TimelineFieldChange: {
    beforeUser: (change, _, ctx) => userOf(ctx, change.field, change.before),
    afterUser: (change, _, ctx) => userOf(ctx, change.field, change.after),
  },
};
