import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { Bus } from '../bus';

/** The append-only stream (deny_delete, deny_purge) every service anchors its audit chain's head on. */
export const AUDIT_CHECKPOINT_STREAM = 'AUDIT';
export const AUDIT_CHECKPOINT_SUBJECTS = ['crm.audit.>'];

/** `crm.audit.<service>.checkpoint`: one subject per service on the shared stream. */
export function auditCheckpointSubject(service: string): string {
  return `crm.audit.${service}.checkpoint`;
}

/** The head of the chain as a checkpoint recorded it. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: Date;
}

/** Reads a checkpoint from a stream message (each service encodes it in its own event message). */
export type AuditCheckpointDecoder = (data: Uint8Array, storedAt: Date) => AuditCheckpoint;

/** Thrown when the AUDIT stream does not exist: every checkpoint is gone. */
export class AuditStreamMissing extends Error {
  constructor() {
    super(`the ${AUDIT_CHECKPOINT_STREAM} stream is missing: the audit checkpoints were deleted`);
    this.name = 'AuditStreamMissing';
  }
}

const FETCH_BATCH = 1000;
const FETCH_EXPIRES_MS = 2000;

/** Every checkpoint of the service, oldest first (an ordered consumer over its subject, read to the end). */
export async function readAuditCheckpoints(
  bus: Bus,
  service: string,
  decode: AuditCheckpointDecoder,
): Promise<AuditCheckpoint[]> {
  const subject = auditCheckpointSubject(service);
  let count: number;
  try {
    const info = await bus.jsm.streams.info(AUDIT_CHECKPOINT_STREAM, { subjects_filter: subject });
    count = info.state.subjects?.[subject] ?? 0;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
      throw new AuditStreamMissing();
    }
    throw error;
  }
  const checkpoints: AuditCheckpoint[] = [];
  if (count === 0) return checkpoints;
  const consumer = await bus.js.consumers.get(AUDIT_CHECKPOINT_STREAM, { filter_subjects: subject });
  try {
    while (checkpoints.length < count) {
      const before = checkpoints.length;
      const batch = await consumer.fetch({ max_messages: FETCH_BATCH, expires: FETCH_EXPIRES_MS });
      for await (const msg of batch) {
        checkpoints.push(decode(msg.data, msg.time));
        if (checkpoints.length >= count) break;
      }
      if (checkpoints.length === before) throw new Error(`read ${before} of ${count} audit checkpoints, then none`);
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return checkpoints;
}
