import type { EntityManager } from 'typeorm';
import { appendReservedAudit, lockAuditChain } from './audit-append';
import type { AuditActor } from './audit-entry';
import { AUDIT_PURGE_SETTING } from './audit-migration-sql';
import { queryRows } from './audit-queryable';

export const AUDIT_PURGE_ACTION = 'audit.purge';
export const AUDIT_LOG_ENTITY = 'audit_log';

/**
 * The `details` of a purge row. `purgedThroughSeq` / `purgedThroughHash` are the seq and hash of the last deleted
 * row: the anchor that lets verifyAuditChain start at the first remaining row (seq purgedThroughSeq + 1), whose
 * prev_hash must equal purgedThroughHash. The purge row itself is chained and hashed like any other row, so the
 * anchor cannot be changed without breaking the chain after it.
 */
export interface AuditPurgeDetails {
  cutoff: string;
  purgedRows: number;
  purgedFromSeq: number;
  purgedThroughSeq: number;
  purgedThroughHash: string;
}

export interface AuditPurgeResult {
  purgedRows: number;
  /** The seq of the purge's own audit row; null when nothing was old enough (and nothing was written). */
  purgeSeq: number | null;
  details: AuditPurgeDetails | null;
}

interface PurgeRange {
  first_seq: string | null;
  first_kept: string | null;
  last_seq: string | null;
}

/**
 * Retention: deletes the oldest audit rows that occurred before `cutoff`, inside the caller's transaction, and
 * records the purge as an audit row (action `audit.purge`). Retention is unlimited unless a service calls this.
 *
 * Only a prefix of the chain is ever deleted (rows 1..n, up to the first row at or after the cutoff), so what remains
 * is one unbroken run of seq; a row dated after the cutoff is never deleted even if an older-dated row follows it.
 * The deletion passes the append-only trigger through the AUDIT_PURGE_SETTING bypass, set for this transaction only
 * and cleared again at once.
 */
export async function purgeAuditOlderThan(
  manager: EntityManager,
  cutoff: Date,
  actor: AuditActor,
  options: { requestId?: string | null } = {},
): Promise<AuditPurgeResult> {
  if (!(cutoff instanceof Date) || !Number.isFinite(cutoff.getTime()))
    throw new TypeError('cutoff must be a valid Date');
  await lockAuditChain(manager);
  const [range] = await queryRows<PurgeRange>(
    manager,
    `SELECT (SELECT min(seq) FROM audit_log) AS first_seq,
            (SELECT min(seq) FROM audit_log WHERE occurred_at >= $1) AS first_kept,
            (SELECT max(seq) FROM audit_log) AS last_seq`,
    [cutoff],
  );
  if (range.first_seq === null || range.last_seq === null) return { purgedRows: 0, purgeSeq: null, details: null };
  const fromSeq = Number(range.first_seq);
  const throughSeq = range.first_kept === null ? Number(range.last_seq) : Number(range.first_kept) - 1;
  if (throughSeq < fromSeq) return { purgedRows: 0, purgeSeq: null, details: null };

  const [last] = await queryRows<{ hash: string }>(manager, `SELECT hash FROM audit_log WHERE seq = $1`, [throughSeq]);
  const expectedRows = throughSeq - fromSeq + 1;
  if (!last) throw new Error(`audit row ${throughSeq} is missing: verify the chain before purging`);
  const details: AuditPurgeDetails = {
    cutoff: cutoff.toISOString(),
    purgedRows: expectedRows,
    purgedFromSeq: fromSeq,
    purgedThroughSeq: throughSeq,
    purgedThroughHash: last.hash,
  };
  // The record first (chained after the current last row, which the purge may itself delete), then the deletion.
  const [record] = await appendReservedAudit(manager, [
    {
      actor,
      requestId: options.requestId ?? null,
      action: AUDIT_PURGE_ACTION,
      entityType: AUDIT_LOG_ENTITY,
      entityId: AUDIT_LOG_ENTITY,
      details: { ...details },
    },
  ]);
  await manager.query(`SELECT set_config($1, $2, true)`, [AUDIT_PURGE_SETTING, String(throughSeq)]);
  const [deleted] = await queryRows<{ n: number }>(
    manager,
    `WITH purged AS (DELETE FROM audit_log WHERE seq <= $1 RETURNING seq) SELECT count(*)::int AS n FROM purged`,
    [throughSeq],
  );
  await manager.query(`SELECT set_config($1, '', true)`, [AUDIT_PURGE_SETTING]);
  if (deleted.n !== expectedRows) {
    throw new Error(`the audit chain has gaps before seq ${throughSeq} (${deleted.n} rows, expected ${expectedRows})`);
  }
  return { purgedRows: deleted.n, purgeSeq: record.seq, details };
}
