import { metrics } from '@opentelemetry/api';
import type { DataSource, EntityManager } from 'typeorm';
import type { Bus } from '../bus';
import { PreconditionError } from '../errors';
import type { Logger } from '../logging';
import {
  AuditStreamMissing,
  readAuditCheckpoints,
  type AuditCheckpoint,
  type AuditCheckpointDecoder,
} from './audit-checkpoint-stream';
import { appendReservedAudit, lockAuditChain } from './audit-append';
import type { AuditEntry } from './audit-entry';
import { AUDIT_LOG_ENTITY, AUDIT_PURGE_ACTION } from './audit-purge';
import { queryRows, type AuditQueryable } from './audit-queryable';
import { readRestoreMarkers, type AuditRestoreMarker } from './audit-restore-entries';
import { verifyAuditChain } from './audit-verify';

/** Where a service's checkpoints live and how its chain is checked against them. */
export interface AuditCheckpointSource {
  /** The service name: its checkpoints go to `crm.audit.<service>.checkpoint`. */
  service: string;
  dataSource: DataSource;
  bus: Bus;
  decode: AuditCheckpointDecoder;
  /** How often the service anchors its head: a log with rows older than this and no checkpoint fails verification. */
  intervalMs: number;
  logger?: Logger;
}

/** The audit action of a baseline: crm-admin anchoring a checked log anew on a stream without checkpoints. */
export const AUDIT_BASELINE_ACTION = 'audit.baseline';

/** Writes the checkpoint event for `head` to the service's outbox, in `tx`. */
export type AppendCheckpoint = (tx: EntityManager, head: { seq: number; hash: string }) => Promise<void>;

export interface CheckpointVerification {
  ok: boolean;
  /** The checkpoint that failed, else the newest (null when there is none). */
  checkpoint: AuditCheckpoint | null;
  /** How many checkpoints were checked. */
  checked: number;
  message: string;
  /** Restore markers met, each with the checkpoints it superseded whose rows the restore lost. */
  restores?: { marker: AuditRestoreMarker; lostCheckpoints: number }[];
}

/** A new checkpoint was refused because the log no longer matches the previous ones: anchoring it would launder it. */
export class AuditCheckpointRefused extends PreconditionError {
  constructor(reason: string) {
    super(`audit checkpoint refused: ${reason}`, { reason });
  }
}

const refusals = metrics.getMeter('@crm/platform/audit').createCounter('crm.audit.checkpoint.refused', {
  description: 'Audit checkpoints refused: the chain was tampered with',
});

/**
 * Anchors the chain's head on the AUDIT stream, but only after checking it against the previous checkpoint: the
 * checkpointed row still has its hash and the chain from it to the head is intact. The first checkpoint verifies
 * the whole chain, and is refused when the log already has rows older than one interval (the stream was deleted
 * and recreated). Returns null for an empty log; the previous checkpoint when the head has not moved.
 * With `baseline` (an `audit.baseline` entry naming who and why) on a stream without checkpoints, the whole chain is
 * verified, the entry is appended to it, and the new head is anchored: the way back after the stream was lost or the
 * log predates checkpoints, on record in the log itself.
 */
export async function recordAuditCheckpoint(
  source: AuditCheckpointSource,
  append: AppendCheckpoint,
  options: { baseline?: AuditEntry } = {},
): Promise<AuditCheckpoint | null> {
  try {
    // Read from JetStream before the snapshot opens: no transaction waits on the network.
    const previous = (await checkpointsOrRefuse(source)).at(-1);
    if (options.baseline) return await recordBaseline(source, append, options.baseline, previous);
    return await source.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const [head] = await queryRows<{ seq: string; hash: string }>(
        tx,
        `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
      );
      // Verify from the previous checkpoint's row on, or the whole chain when there is none (or it was purged).
      let from: { fromSeq?: number } = {};
      if (!previous) {
        if (!head) return null;
        const stale = await rowsOlderThanInterval(tx, source.intervalMs);
        if (stale) {
          throw new AuditCheckpointRefused(
            `no checkpoint on the stream, but ${stale}; once the log is checked, crm-admin may anchor it anew as a baseline (with a reason, audited)`,
          );
        }
      } else {
        const held = await checkpointHolds(tx, previous);
        if (!held.ok) throw new AuditCheckpointRefused(held.message);
        if (!held.purged) {
          if (Number(head.seq) === previous.seq) return previous;
          from = { fromSeq: previous.seq + 1 };
        }
      }
      const chain = await verifyAuditChain(tx, from);
      if (!chain.ok) throw new AuditCheckpointRefused(chain.message);
      await append(tx, { seq: Number(head.seq), hash: head.hash });
      return { seq: Number(head.seq), hash: head.hash, at: new Date() };
    });
  } catch (error) {
    if (error instanceof AuditCheckpointRefused) {
      refusals.add(1, { service: source.service });
      source.logger?.error({ service: source.service, reason: error.details.reason }, 'audit checkpoint refused');
    }
    throw error;
  }
}

/**
 * A new anchor on a stream without checkpoints: under the chain lock (so nothing is appended meanwhile) the whole chain
 * must verify; the baseline row, who and why, joins the chain and is anchored with it.
 */
async function recordBaseline(
  source: AuditCheckpointSource,
  append: AppendCheckpoint,
  baseline: AuditEntry,
  previous: AuditCheckpoint | undefined,
): Promise<AuditCheckpoint> {
  if (previous) {
    throw new PreconditionError('the AUDIT stream already holds checkpoints: a baseline starts only an empty one', {
      rule: 'baseline_on_empty_stream',
    });
  }
  return source.dataSource.transaction(async (tx) => {
    await lockAuditChain(tx);
    const chain = await verifyAuditChain(tx, {});
    if (!chain.ok) throw new AuditCheckpointRefused(chain.message);
    const [row] = await appendReservedAudit(tx, [baseline]);
    await append(tx, { seq: row.seq, hash: row.hash });
    source.logger?.warn({ service: source.service, seq: row.seq }, 'audit chain anchored anew as a baseline');
    return { seq: row.seq, hash: row.hash, at: new Date() };
  });
}

async function checkpointsOrRefuse(source: AuditCheckpointSource): Promise<AuditCheckpoint[]> {
  try {
    return await readAuditCheckpoints(source.bus, source.service, source.decode);
  } catch (error) {
    if (error instanceof AuditStreamMissing) throw new AuditCheckpointRefused(error.message);
    throw error;
  }
}

/**
 * Checks the log against every checkpoint of the service: each checkpointed row still has its hash (or was purged
 * by retention), and the checkpoints never go back. A missing stream, or no checkpoint while the log has rows older
 * than one interval, is a failure too. Verify the chain itself with verifyAuditChain.
 */
export async function verifyAuditCheckpoints(source: AuditCheckpointSource): Promise<CheckpointVerification> {
  let checkpoints: AuditCheckpoint[];
  try {
    checkpoints = await readAuditCheckpoints(source.bus, source.service, source.decode);
  } catch (error) {
    if (error instanceof AuditStreamMissing) return { ok: false, checkpoint: null, checked: 0, message: error.message };
    throw error;
  }
  if (!checkpoints.length) {
    const stale = await rowsOlderThanInterval(source.dataSource, source.intervalMs);
    return stale
      ? { ok: false, checkpoint: null, checked: 0, message: `no checkpoint on the stream, but ${stale}` }
      : { ok: true, checkpoint: null, checked: 0, message: 'no checkpoint published yet' };
  }
  // A restore marker supersedes the checkpoint it names: those before it whose rows the restore lost are reported.
  const markers = new Map((await readRestoreMarkers(source.dataSource)).map((m) => [`${m.seq}:${m.hash}`, m]));
  const restores: { marker: AuditRestoreMarker; lostCheckpoints: number }[] = [];
  const lost = new Set<number>();
  let epochStart = 0;
  let before: AuditCheckpoint | undefined;
  for (const [i, checkpoint] of checkpoints.entries()) {
    const marker = markers.get(`${checkpoint.seq}:${checkpoint.hash}`);
    const names = (c: AuditCheckpoint | undefined) =>
      c !== undefined && marker?.previousCheckpoint.seq === c.seq && marker.previousCheckpoint.hash === c.hash;
    if (marker && names(before)) {
      let lostCheckpoints = 0;
      for (let k = epochStart; k < i; k++) {
        if (checkpoints[k].seq > marker.restoredHead.seq) {
          lost.add(k);
          lostCheckpoints += 1;
        }
      }
      restores.push({ marker, lostCheckpoints });
      epochStart = i;
    } else if (
      before &&
      (checkpoint.seq < before.seq || (checkpoint.seq === before.seq && checkpoint.hash !== before.hash))
    ) {
      const message = `checkpoint of seq ${checkpoint.seq} contradicts the earlier one of seq ${before.seq}`;
      return { ok: false, checkpoint, checked: i + 1, message };
    }
    before = checkpoint;
  }
  const newest = checkpoints[checkpoints.length - 1];
  const rows = await queryRows<{ seq: string; hash: string }>(
    source.dataSource,
    `SELECT seq, hash FROM audit_log WHERE seq = ANY($1::bigint[])`,
    [[...new Set(checkpoints.map((c) => c.seq))]],
  );
  const hashes = new Map(rows.map((r) => [Number(r.seq), r.hash]));
  for (const [i, checkpoint] of checkpoints.entries()) {
    const hash = hashes.get(checkpoint.seq);
    if (hash === checkpoint.hash || lost.has(i)) continue;
    const held = await checkpointHolds(source.dataSource, checkpoint);
    if (!held.ok) return { ok: false, checkpoint, checked: i + 1, message: held.message };
  }
  const restored = restores.map(
    ({ marker, lostCheckpoints }) =>
      `; restored at seq ${marker.seq} on ${marker.occurredAt.toISOString()} by ${marker.actorId} ("${marker.reason}"): ` +
      `${lostCheckpoints} checkpoints up to seq ${marker.previousCheckpoint.seq} name rows the restore lost (it kept seq ${marker.restoredHead.seq})`,
  );
  return {
    ok: true,
    checkpoint: newest,
    checked: checkpoints.length,
    message: `all ${checkpoints.length - lost.size} checkpoints match; the newest is seq ${newest.seq}${restored.join('')}`,
    ...(restores.length ? { restores } : {}),
  };
}

/** Whether the log still holds the checkpointed row with the checkpointed hash (or retention purged it). */
export async function checkpointHolds(
  queryable: AuditQueryable,
  checkpoint: AuditCheckpoint,
): Promise<{ ok: boolean; purged?: boolean; message: string }> {
  const [row] = await queryRows<{ hash: string }>(queryable, `SELECT hash FROM audit_log WHERE seq = $1`, [
    checkpoint.seq,
  ]);
  if (row) {
    return row.hash === checkpoint.hash
      ? { ok: true, message: `seq ${checkpoint.seq} matches its checkpoint` }
      : { ok: false, message: `seq ${checkpoint.seq} no longer has the checkpointed hash: the chain was rewritten` };
  }
  const [range] = await queryRows<{ max: string | null; purged_through: string | null }>(
    queryable,
    `SELECT (SELECT max(seq) FROM audit_log) AS max,
            (SELECT max((details->>'purgedThroughSeq')::bigint) FROM audit_log
              WHERE action = $1 AND entity_type = $2) AS purged_through`,
    [AUDIT_PURGE_ACTION, AUDIT_LOG_ENTITY],
  );
  if (Number(range.max ?? 0) < checkpoint.seq) {
    return {
      ok: false,
      message: `the log ends at seq ${range.max ?? 0} but seq ${checkpoint.seq} was checkpointed: rows were cut off the end`,
    };
  }
  return Number(range.purged_through ?? 0) >= checkpoint.seq
    ? { ok: true, purged: true, message: `seq ${checkpoint.seq} was purged by retention` }
    : { ok: false, message: `seq ${checkpoint.seq} was checkpointed but is missing from the log` };
}

/** A description of the oldest row when it is older than one checkpoint interval, else null. */
async function rowsOlderThanInterval(queryable: AuditQueryable, intervalMs: number): Promise<string | null> {
  const [oldest] = await queryRows<{ seq: string; occurred_at: Date }>(
    queryable,
    `SELECT seq, occurred_at FROM audit_log ORDER BY seq LIMIT 1`,
  );
  if (!oldest || Date.now() - new Date(oldest.occurred_at).getTime() <= intervalMs) return null;
  return `the log has rows since ${new Date(oldest.occurred_at).toISOString()} (seq ${oldest.seq})`;
}
