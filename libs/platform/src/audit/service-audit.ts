import type { DataSource, EntityManager } from 'typeorm';
import { Roles, type Actor } from '../auth';
import type { Bus } from '../bus';
import { InputError, NotAllowedError } from '../errors';
import type { Logger } from '../logging';
import { auditEntry } from './actor-audit';
import type { AuditCheckpoint } from './audit-checkpoint-stream';
import {
  AUDIT_BASELINE_ACTION,
  recordAuditCheckpoint,
  verifyAuditCheckpoints,
  type AuditCheckpointSource,
  type CheckpointVerification,
} from './audit-checkpoints';
import { readRestoreMarkers, type AuditRestoreMarker } from './audit-restore-entries';
import { rebaseAuditCheckpoints } from './audit-restore-marker';
import { verifyAuditChain, type AuditChainBreak } from './audit-verify';

/** Slack over the job's interval for the job to run and the relay to publish, before "no checkpoint" is a failure. */
const PUBLISH_SLACK_MS = 60_000;

export interface ServiceAuditOptions {
  /** The service name: checkpoints go to `crm.audit.<service>.checkpoint`, baselines name it as the audited entity. */
  service: string;
  dataSource: DataSource;
  bus: Bus;
  /** AUDIT_CHECKPOINT_MINUTES of the service. */
  intervalMinutes: number;
  logger?: Logger;
  /** Reads one of the service's checkpoint events (its protobuf `AuditCheckpoint`). */
  decode: (data: Uint8Array) => { lastSeq: number | string; lastHash: string; occurredAt?: Date };
  /** Writes the service's checkpoint event for `head` to its outbox, in `tx`. */
  append: (tx: EntityManager, actor: Actor, head: { seq: number; hash: string }) => Promise<void>;
}

/**
 * A service's audit checkpoints: its chain head goes to JetStream's append-only AUDIT stream through its outbox, only
 * after the log checks out against the previous checkpoint (recordAuditCheckpoint), and the log is compared with every
 * checkpoint on demand. Every service with an audit log builds one of these in its declaration.
 */
export class ServiceAuditCheckpoints {
  private readonly source: AuditCheckpointSource;

  constructor(private readonly options: ServiceAuditOptions) {
    this.source = {
      service: options.service,
      dataSource: options.dataSource,
      bus: options.bus,
      logger: options.logger,
      intervalMs: options.intervalMinutes * 60_000 + PUBLISH_SLACK_MS,
      decode: (data, storedAt) => {
        const event = options.decode(data);
        return { seq: Number(event.lastSeq), hash: event.lastHash, at: event.occurredAt ?? storedAt };
      },
    };
  }

  /**
   * Verifies the log against the previous checkpoint, then publishes the head through the outbox; refuses if not.
   * With `baselineReason`, crm-admin anchors a checked log anew on a stream that holds no checkpoint (audited).
   */
  record(actor: Actor, options: { baselineReason?: string } = {}): Promise<AuditCheckpoint | null> {
    const { baselineReason } = options;
    if (baselineReason !== undefined) {
      if (!actor.roles.includes(Roles.admin)) throw new NotAllowedError('only crm-admin may lay a new audit baseline');
      if (!baselineReason.trim() || baselineReason.length > 1000)
        throw InputError.single(['baselineReason'], 'length', 'must be 1 to 1000 characters');
    }
    const baseline =
      baselineReason === undefined
        ? undefined
        : auditEntry(actor, AUDIT_BASELINE_ACTION, { type: 'audit_log', id: this.options.service }, [], {
            reason: baselineReason.trim(),
          });
    return recordAuditCheckpoint(this.source, (tx, head) => this.options.append(tx, actor, head), { baseline });
  }

  /** Compares the database with every checkpoint on the stream. */
  compare(): Promise<CheckpointVerification> {
    return verifyAuditCheckpoints(this.source);
  }

  /** After a database restore: anchors an audited restore marker (who, why, the superseded checkpoint) on the stream. */
  rebase(actor: Actor, reason: string): Promise<AuditCheckpoint> {
    const who = {
      id: actor.id,
      roles: actor.roles,
      clientId: actor.clientId ?? null,
      sourceIp: actor.sourceIp ?? null,
    };
    return rebaseAuditCheckpoints(this.source, (tx, head) => this.options.append(tx, actor, head), {
      actor: who,
      reason: reason.trim(),
    });
  }
}

/** Why a chain check failed, as the audit SDL names it. */
export type AuditChainReportReason =
  'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQ_GAP' | 'CHECKPOINT_MISMATCH' | 'CHECKPOINT_MISSING';

/** The answer of `<service>AuditChainStatus` (shared-sdl/audit.graphql's AuditChainStatus). */
export interface AuditChainReport {
  ok: boolean;
  rows: number;
  lastSeq: number | null;
  lastHash: string | null;
  firstBrokenSeq: number | null;
  reason: AuditChainReportReason | null;
  message: string | null;
  checkpoint: { ok: boolean; seq: number | null; hash: string | null; at: Date | null; message: string };
  /** The restore markers in the log, oldest first (shared-sdl/audit.graphql's AuditRestore). */
  restores: AuditRestoreReport[];
}

/** A restore marker as auditors see it: the chain was re-anchored after a database restore (`ops.js ... rebase`). */
export interface AuditRestoreReport {
  seq: number;
  at: Date;
  by: string;
  reason: string;
  fromCheckpoint: number;
  restoredHeadSeq: number;
}

function restoreReport(marker: AuditRestoreMarker): AuditRestoreReport {
  return {
    seq: marker.seq,
    at: marker.occurredAt,
    by: marker.actorId,
    reason: marker.reason,
    fromCheckpoint: marker.previousCheckpoint.seq,
    restoredHeadSeq: marker.restoredHead.seq,
  };
}

const chainBreaks: Record<AuditChainBreak, AuditChainReportReason> = {
  hash_mismatch: 'HASH_MISMATCH',
  prev_hash_mismatch: 'PREV_HASH_MISMATCH',
  seq_gap: 'SEQ_GAP',
};

/** Checks the whole chain in one snapshot, then against the checkpoints on the stream when the process has them. */
export async function auditChainReport(
  dataSource: DataSource,
  checkpoints: ServiceAuditCheckpoints | undefined,
): Promise<AuditChainReport> {
  // One snapshot of the chain, even if a retention purge runs meanwhile.
  const { result, restores } = await dataSource.transaction('REPEATABLE READ', async (tx) => ({
    result: await verifyAuditChain(tx),
    restores: (await readRestoreMarkers(tx)).map(restoreReport),
  }));
  const comparison = checkpoints
    ? await checkpoints.compare()
    : { checkpoint: null, ok: true, message: 'checkpoints are not available in this process' };
  const checkpoint = {
    ok: comparison.ok,
    seq: comparison.checkpoint?.seq ?? null,
    hash: comparison.checkpoint?.hash ?? null,
    at: comparison.checkpoint?.at ?? null,
    message: comparison.message,
  };
  if (!result.ok) {
    return {
      ok: false,
      rows: result.rows,
      lastSeq: null,
      lastHash: null,
      firstBrokenSeq: result.firstBrokenSeq,
      reason: chainBreaks[result.reason],
      message: result.message,
      checkpoint,
      restores,
    };
  }
  if (!comparison.ok) {
    return {
      ok: false,
      rows: result.rows,
      lastSeq: null,
      lastHash: null,
      firstBrokenSeq: comparison.checkpoint?.seq ?? null,
      // No checkpoint to compare with is a different story from one the log contradicts: anchors lost, not rows.
      reason: comparison.checkpoint ? 'CHECKPOINT_MISMATCH' : 'CHECKPOINT_MISSING',
      message: comparison.message,
      checkpoint,
      restores,
    };
  }
  return {
    ok: true,
    rows: result.rows,
    lastSeq: result.lastSeq,
    lastHash: result.lastHash,
    firstBrokenSeq: null,
    reason: null,
    message: null,
    checkpoint,
    restores,
  };
}

/** The audit log is for auditors and crm-admin; everyone else gets FORBIDDEN. */
export function requireAuditReader(actor: Actor): void {
  if (!actor.roles.includes(Roles.auditor) && !actor.roles.includes(Roles.admin)) {
    throw new NotAllowedError('only auditors and crm-admin may read the audit log');
  }
}

/** What `record<Service>AuditCheckpoint` answers (shared-sdl/audit.graphql's AuditCheckpointCheck). */
export interface AuditCheckpointAnswer {
  ok: boolean;
  seq: number | null;
  hash: string | null;
  at: Date | null;
  message: string;
}

/** crm-admin or an auditor anchors the head now (a baseline with a reason: crm-admin only); the answer says what. */
export async function recordCheckpointNow(
  checkpoints: ServiceAuditCheckpoints | undefined,
  actor: Actor,
  baselineReason: string | null | undefined,
): Promise<AuditCheckpointAnswer> {
  requireAuditReader(actor);
  if (!checkpoints) throw new NotAllowedError('checkpoints are not available in this process');
  const recorded = await checkpoints.record(actor, { baselineReason: baselineReason ?? undefined });
  return recorded
    ? { ok: true, seq: recorded.seq, hash: recorded.hash, at: recorded.at, message: `anchored seq ${recorded.seq}` }
    : { ok: true, seq: null, hash: null, at: null, message: 'the audit log is empty' };
}

/** A service's protobuf `AuditCheckpoint` event as its generated code reads it. */
export interface AuditCheckpointMessage {
  lastSeq: string;
  lastHash: string;
  metadata?: { occurredAt?: Date };
}

/** What a service's event catalog gives its audit checkpoints: every service's `events.proto` has the same message. */
export interface AuditCheckpointCatalog {
  /** The service name of `crm.audit.<service>.checkpoint`, e.g. `sales`. */
  service: string;
  /** The generated codec of the service's protobuf `AuditCheckpoint`. */
  codec: { decode(data: Uint8Array): AuditCheckpointMessage };
  /** The catalog's `record`, which appends the `auditCheckpoint` event to the outbox in `tx`. */
  record: (
    tx: EntityManager,
    kind: 'auditCheckpoint',
    actor: Actor,
    aggregate: { type: 'audit_log'; id: string; version: number },
    body: { lastSeq: string; lastHash: string },
  ) => Promise<unknown>;
}

/** Builds a service's audit checkpoints on given connections: the running service's and its `ops.js`'s own. */
export type AuditCheckpointsFactory = (
  dataSource: DataSource,
  bus: Bus,
  options: { intervalMinutes: number; logger?: Logger },
) => ServiceAuditCheckpoints;

/** The audit checkpoints of a service, decoded with its catalog's `codec` and appended with its `record`. */
export function catalogAuditCheckpoints({ service, codec, record }: AuditCheckpointCatalog): AuditCheckpointsFactory {
  return (dataSource, bus, options) =>
    new ServiceAuditCheckpoints({
      service,
      dataSource,
      bus,
      ...options,
      decode: (data) => {
        const event = codec.decode(data);
        return { lastSeq: event.lastSeq, lastHash: event.lastHash, occurredAt: event.metadata?.occurredAt };
      },
      append: async (tx, actor, head) => {
        await record(
          tx,
          'auditCheckpoint',
          actor,
          { type: 'audit_log', id: service, version: head.seq },
          { lastSeq: String(head.seq), lastHash: head.hash },
        );
      },
    });
}
