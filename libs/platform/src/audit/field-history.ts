import { InputError } from '../errors';
import { decodeCursor, pageSize, toPage, type Page } from '../pagination';
import { queryRows, type AuditQueryable } from './audit-queryable';

export interface FieldHistoryQuery {
  entityType: string;
  entityId: string;
  /** Only this field; default every field ever recorded for the record. */
  field?: string | null;
  first?: number | null;
  after?: string | null;
}

/** One change of one field. */
export interface FieldChangeRecord {
  seq: number;
  occurredAt: Date;
  actorId: string;
  action: string;
  field: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

interface FieldChangeRow {
  seq: string;
  ord: string;
  occurred_at: Date;
  actor_id: string;
  action: string;
  field: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

type Item = FieldChangeRecord & { ord: number };

/**
 * The history of a record's fields, one item per changed field, newest first (by seq; within one audit row in the
 * order its changes were recorded). Any number of fields: changes are a jsonb array, not columns. Cursor paging.
 */
export async function fieldHistory(
  queryable: AuditQueryable,
  query: FieldHistoryQuery,
): Promise<Page<FieldChangeRecord>> {
  const limit = pageSize(query.first);
  const [beforeSeq, afterOrd] = query.after ? cursorOf(query.after) : [null, null];
  const field = query.field ?? null;
  const rows = await queryRows<FieldChangeRow>(
    queryable,
    `SELECT a.seq, c.ord, a.occurred_at, a.actor_id, a.action, a.request_id,
            c.change->>'field' AS field, c.change->'before' AS before, c.change->'after' AS after
       FROM audit_log a
      CROSS JOIN LATERAL jsonb_array_elements(a.changes) WITH ORDINALITY AS c(change, ord)
      WHERE a.entity_type = $1 AND a.entity_id = $2
        AND ($3::text IS NULL OR (a.changes @> jsonb_build_array(jsonb_build_object('field', $3::text))
                                  AND c.change->>'field' = $3::text))
        AND ($4::bigint IS NULL OR a.seq < $4::bigint OR (a.seq = $4::bigint AND c.ord > $5::bigint))
      ORDER BY a.seq DESC, c.ord ASC
      LIMIT $6`,
    [query.entityType, query.entityId, field, beforeSeq, afterOrd, limit + 1],
  );
  const items: Item[] = rows.map((row) => ({
    seq: Number(row.seq),
    ord: Number(row.ord),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    action: row.action,
    field: row.field,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
  }));
  const page = toPage(items, limit, (item) => [item.seq, item.ord]);
  return { ...page, items: page.items.map(({ ord: _ord, ...item }) => item) };
}

function cursorOf(after: string): [number, number] {
  const [seq, ord] = decodeCursor(after, 2);
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(ord)) {
    throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
  }
  return [seq as number, ord as number];
}
