import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { appendAudit } from './audit-append';
import type { AuditChange, AuditEntry } from './audit-entry';

/** The audit entry of an actor's action: who (with roles, client and address), what, and the request. */
export function auditEntry(
  actor: Actor,
  action: string,
  entity: { type: string; id: string },
  changes: AuditChange[] = [],
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    actor: { id: actor.id, roles: actor.roles, clientId: actor.clientId ?? null, sourceIp: actor.sourceIp ?? null },
    requestId: actor.requestId,
    action,
    entityType: entity.type,
    entityId: entity.id,
    changes,
    details,
  };
}

/** Appends to the hash chain inside the caller's transaction; call it last, just before the commit. */
export async function audit(
  manager: EntityManager,
  actor: Actor,
  action: string,
  entity: { type: string; id: string },
  changes: AuditChange[] = [],
  details: Record<string, unknown> = {},
): Promise<void> {
  await appendAudit(manager, auditEntry(actor, action, entity, changes, details));
}

/** Field-by-field changes for the audit log from a before/after pair. */
export function changesOf(fields: { field: string; before: unknown; after: unknown }[]): AuditChange[] {
  return fields.map((c) => ({ field: c.field, before: c.before ?? null, after: c.after ?? null }));
}
