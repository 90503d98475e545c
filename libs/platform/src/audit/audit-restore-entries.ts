import { AUDIT_LOG_ENTITY } from './audit-purge';
import { queryRows, type AuditQueryable } from './audit-queryable';

/** The audit action of a restore marker: an SRE re-anchoring the checkpoints on a log restored from a backup. */
export const AUDIT_RESTORE_ACTION = 'audit.restore';

/** A restore marker as its audit row holds it: the checkpoint it supersedes and the head the restore left. */
export interface AuditRestoreMarker {
  seq: number;
  hash: string;
  occurredAt: Date;
  actorId: string;
  reason: string;
  previousCheckpoint: { seq: number; hash: string };
  restoredHead: { seq: number; hash: string };
}

/** Every restore marker of the log, oldest first. */
export async function readRestoreMarkers(queryable: AuditQueryable): Promise<AuditRestoreMarker[]> {
  const rows = await queryRows<{
    seq: string;
    hash: string;
    occurred_at: Date;
    actor_id: string;
    details: {
      reason: string;
      previousCheckpoint: { seq: number; hash: string };
      restoredHead: { seq: number; hash: string };
    };
  }>(
    queryable,
    `SELECT seq, hash, occurred_at, actor_id, details FROM audit_log WHERE action = $1 AND entity_type = $2 ORDER BY seq`,
    [AUDIT_RESTORE_ACTION, AUDIT_LOG_ENTITY],
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    hash: row.hash,
    occurredAt: new Date(row.occurred_at),
    actorId: row.actor_id,
    reason: row.details.reason,
    previousCheckpoint: row.details.previousCheckpoint,
    restoredHead: row.details.restoredHead,
  }));
}
