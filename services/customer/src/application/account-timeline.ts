import type { EntityManager } from 'typeorm';
import { InputError } from '@crm/platform/errors';
import { decodeCursor, pageSize, toPage, type Page } from '@crm/platform/pagination';

/**
 * Account.timeline: the account's activities and the changes the audit log holds for it and its contacts, newest
 * first, in one keyset-paged query (SDL graphql/timeline.graphql; redaction in graphql/timeline-resolvers.ts).
 */
export const timelineKinds = [
  'ACTIVITY',
  'CREATED',
  'CHANGE',
  'OWNER_CHANGE',
  'MERGE',
  'POOL',
  'SHARE',
  'CONTACT',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export interface TimelineChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface TimelineEntry {
  /** 'activity:<id>' or 'audit:<seq>'. */
  id: string;
  kind: TimelineKind;
  occurredAt: Date;
  actorId: string;
  /** The audit action (account.update, pool.claim, contact.create, ...); null for an activity. */
  action: string | null;
  /** 'account' or 'contact' for a change; the contact's id when a contact changed. */
  entityType: string | null;
  entityId: string | null;
  changes: TimelineChange[];
  details: Record<string, unknown>;
  activityId: string | null;
}

export interface TimelineQuery {
  first?: number | null;
  after?: string | null;
  kinds?: readonly string[] | null;
}

/** Reads and exports are in the audit log too, but they change nothing on the account's life. */
const NOT_CHANGES = ['account.read_sensitive', 'account.export', 'account.export_start', 'activity.log'];

const AUDIT_KIND_SQL = `CASE
    WHEN l.entity_type = 'contact' THEN 'CONTACT'
    WHEN l.action IN ('account.create', 'account.import_create') THEN 'CREATED'
    WHEN l.action = 'account.merge' THEN 'MERGE'
    WHEN l.action LIKE 'pool.%' THEN 'POOL'
    WHEN l.action IN ('account.share', 'account.unshare') THEN 'SHARE'
    WHEN l.changes @> '[{"field": "ownerId"}]' THEN 'OWNER_CHANGE'
    ELSE 'CHANGE' END`;

const AUDIT_COLUMNS = `l.occurred_at, 'audit' AS source, lpad(l.seq::text, 20, '0') AS key, ${AUDIT_KIND_SQL} AS kind,
  l.actor_id, l.action, l.entity_type, l.entity_id, l.changes, l.details, NULL::uuid AS activity_id`;

interface EntryRow {
  occurred_at: Date;
  source: 'activity' | 'audit';
  key: string;
  kind: TimelineKind;
  actor_id: string;
  action: string | null;
  entity_type: string | null;
  entity_id: string | null;
  changes: TimelineChange[] | null;
  details: Record<string, unknown> | null;
  activity_id: string | null;
}

export async function accountTimeline(
  manager: EntityManager,
  accountId: string,
  query: TimelineQuery,
): Promise<Page<TimelineEntry>> {
  const limit = pageSize(query.first);
  const params: unknown[] = [accountId, NOT_CHANGES];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.kinds?.length) where.push(`kind = ANY(${p(query.kinds)}::text[])`);
  if (query.after) {
    const [at, source, key] = decodeCursor(query.after, 3);
    if (typeof at !== 'string' || typeof source !== 'string' || typeof key !== 'string' || isNaN(Date.parse(at))) {
      throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
    }
    where.push(`(occurred_at, source, key) < (${p(at)}::timestamptz, ${p(source)}, ${p(key)})`);
  }
  // Three index-backed reads (activities by account, audit rows by entity) merged; the newest page is cut at once.
  const rows: EntryRow[] = await manager.query(
    `WITH entries AS (
       SELECT ac.occurred_at, 'activity' AS source, ac.id::text AS key, 'ACTIVITY' AS kind, ac.created_by AS actor_id,
              NULL::text AS action, NULL::text AS entity_type, NULL::text AS entity_id, NULL::jsonb AS changes,
              NULL::jsonb AS details, ac.id AS activity_id
         FROM activities ac WHERE ac.account_id = $1
       UNION ALL
       SELECT ${AUDIT_COLUMNS} FROM audit_log l
        WHERE l.entity_type = 'account' AND l.entity_id = $1::text AND l.action <> ALL($2::text[])
       UNION ALL
       SELECT ${AUDIT_COLUMNS} FROM audit_log l
        WHERE l.entity_type = 'contact' AND l.action <> ALL($2::text[])
          AND l.entity_id IN (SELECT c.id::text FROM contacts c WHERE c.account_id = $1)
     )
     SELECT * FROM entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY occurred_at DESC, source DESC, key DESC
      LIMIT ${limit + 1}`,
    params,
  );
  const page = toPage(rows, limit, (r) => [r.occurred_at.toISOString(), r.source, r.key]);
  return { ...page, items: page.items.map(toEntry) };
}

function entryId(row: EntryRow): string {
  return row.source === 'activity' ? `activity:${row.key}` : `audit:${Number(row.key)}`;
}

function toEntry(row: EntryRow): TimelineEntry {
  return {
    id: entryId(row),
    kind: row.kind,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: row.changes ?? [],
    details: row.details ?? {},
    activityId: row.activity_id,
  };
}
