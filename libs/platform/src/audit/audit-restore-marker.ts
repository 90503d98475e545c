import { InputError, PreconditionError } from '../errors';
import { readAuditCheckpoints, AuditStreamMissing, type AuditCheckpoint } from './audit-checkpoint-stream';
import { appendReservedAudit, lockAuditChain } from './audit-append';
import {
  AuditCheckpointRefused,
  checkpointHolds,
  type AppendCheckpoint,
  type AuditCheckpointSource,
} from './audit-checkpoints';
import type { AuditActor } from './audit-entry';
import { AUDIT_LOG_ENTITY } from './audit-purge';
import { queryRows } from './audit-queryable';
import { AUDIT_RESTORE_ACTION } from './audit-restore-entries';
import { verifyAuditChain } from './audit-verify';

/** Who re-anchors after a restore, and why (kept in the marker for every later verification to show). */
export interface AuditRestoreRequest {
  actor: AuditActor;
  reason: string;
}

/**
 * After a database restore the log no longer holds the newest checkpoint, so routine checkpoints are refused. This
 * appends a restore marker (`audit.restore`: the superseded checkpoint, the restored head, who, why) to the restored
 * chain and anchors it; routine checkpoints continue from it, and verification reports the gap at the marker.
 * Only when the newest checkpoint really mismatches and the restored chain itself verifies.
 */
export async function rebaseAuditCheckpoints(
  source: AuditCheckpointSource,
  append: AppendCheckpoint,
  request: AuditRestoreRequest,
): Promise<AuditCheckpoint> {
  if (!request.reason.trim() || request.reason.length > 1000) {
    throw InputError.single(['reason'], 'length', 'must be 1 to 1000 characters');
  }
  let checkpoints: AuditCheckpoint[];
  try {
    checkpoints = await readAuditCheckpoints(source.bus, source.service, source.decode);
  } catch (error) {
    if (error instanceof AuditStreamMissing) throw new AuditCheckpointRefused(error.message);
    throw error;
  }
  const previous = checkpoints.at(-1);
  if (!previous) {
    throw new PreconditionError('no checkpoint on the stream: nothing to rebase (lay a baseline instead)', {
      rule: 'rebase_needs_checkpoint',
    });
  }
  return source.dataSource.transaction(async (tx) => {
    await lockAuditChain(tx);
    const held = await checkpointHolds(tx, previous);
    if (held.ok) {
      throw new PreconditionError(
        `the log still matches its newest checkpoint (seq ${previous.seq}): nothing to rebase`,
        {
          rule: 'rebase_only_after_mismatch',
        },
      );
    }
    const chain = await verifyAuditChain(tx, {});
    if (!chain.ok) throw new AuditCheckpointRefused(`the restored chain does not verify: ${chain.message}`);
    const [head] = await queryRows<{ seq: string; hash: string }>(
      tx,
      `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
    );
    const [row] = await appendReservedAudit(tx, [
      {
        actor: request.actor,
        action: AUDIT_RESTORE_ACTION,
        entityType: AUDIT_LOG_ENTITY,
        entityId: source.service,
        changes: [],
        details: {
          reason: request.reason,
          previousCheckpoint: { seq: previous.seq, hash: previous.hash, at: previous.at.toISOString() },
          restoredHead: head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: '' },
          mismatch: held.message,
        },
      },
    ]);
    await append(tx, { seq: row.seq, hash: row.hash });
    source.logger?.warn(
      { service: source.service, seq: row.seq, supersededSeq: previous.seq },
      'audit checkpoints re-anchored after a restore',
    );
    return { seq: row.seq, hash: row.hash, at: new Date() };
  });
}
