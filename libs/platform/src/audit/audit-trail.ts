import { InputError } from '../errors';
import { decodeCursor, pageSize, toPage, type Page } from '../pagination';
import type { AuditRecord } from './audit-entry';
import { queryRows, type AuditQueryable } from './audit-queryable';
import { AUDIT_ROW_COLUMNS, toAuditRecord, type AuditRow } from './audit-row';

export interface AuditTrailQuery {
  entityType?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  action?: string | null;
  /** occurred_at >= from. */
  from?: Date | null;
  /** occurred_at < to. */
  to?: Date | null;
  first?: number | null;
  after?: string | null;
}

/** Audit rows matching every filter given, newest first (by seq), with cursor paging. */
export async function auditTrail(queryable: AuditQueryable, query: AuditTrailQuery = {}): Promise<Page<AuditRecord>> {
  const limit = pageSize(query.first);
  const beforeSeq = query.after ? cursorOf(query.after) : null;
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const where = (sql: (placeholder: string) => string, value: unknown): void => {
    if (value === undefined || value === null) return;
    parameters.push(value);
    conditions.push(sql(`$${parameters.length}`));
  };
  where((p) => `entity_type = ${p}`, query.entityType);
  where((p) => `entity_id = ${p}`, query.entityId);
  where((p) => `actor_id = ${p}`, query.actorId);
  where((p) => `action = ${p}`, query.action);
  where((p) => `occurred_at >= ${p}`, query.from);
  where((p) => `occurred_at < ${p}`, query.to);
  where((p) => `seq < ${p}`, beforeSeq);
  parameters.push(limit + 1);
  const rows = await queryRows<AuditRow>(
    queryable,
    `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log
      ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY seq DESC
      LIMIT $${parameters.length}`,
    parameters,
  );
  return toPage(rows.map(toAuditRecord), limit, (record) => [record.seq]);
}

function cursorOf(after: string): number {
  const [seq] = decodeCursor(after, 1);
  if (!Number.isSafeInteger(seq)) throw InputError.single(['after'], 'cursor', 'is not a cursor returned by this list');
  return seq as number;
}
