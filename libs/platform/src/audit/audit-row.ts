import type { AuditChange, AuditRecord } from './audit-entry';
import type { AuditHashedContent } from './audit-hash';

/** The columns of an audit row, in table order, for SELECT and RETURNING lists. */
export const AUDIT_ROW_COLUMNS = `seq, id, occurred_at, actor_id, actor_roles, client_id, source_ip, request_id, action,
  entity_type, entity_id, changes, details, prev_hash, hash`;

/** An audit row as the pg driver returns it (bigint as a string, timestamptz as a Date, jsonb parsed). */
export interface AuditRow {
  seq: string | number;
  id: string;
  occurred_at: Date;
  actor_id: string;
  actor_roles: string[];
  client_id: string | null;
  source_ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: unknown;
  details: unknown;
  prev_hash: string;
  hash: string;
}

/** The hashed columns of a stored row, as the hash was computed when it was appended. */
export function hashedContentOf(row: AuditRow): AuditHashedContent {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurred_at: row.occurred_at,
    actor_id: row.actor_id,
    actor_roles: row.actor_roles,
    client_id: row.client_id,
    source_ip: row.source_ip,
    request_id: row.request_id,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    changes: row.changes,
    details: row.details,
  };
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at,
    actor: { id: row.actor_id, roles: row.actor_roles, clientId: row.client_id, sourceIp: row.source_ip },
    requestId: row.request_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: row.changes as AuditChange[],
    details: row.details as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
