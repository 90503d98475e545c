import type { DataSource } from 'typeorm';
import { customerEventsV1 } from '@crm/contracts';
import type { Bus } from '@crm/platform/bus';
import type { Actor } from './actor';
import { AUDIT_STREAM, customerEventCatalog, recordEvent } from '../events/customer-events';

export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: Date;
}

export interface CheckpointComparison {
  checkpoint: AuditCheckpoint | null;
  /** True when the database still holds the checkpointed row with the checkpointed hash. */
  ok: boolean;
  message: string;
}

/**
 * Anchors the audit chain outside the database: the head (last seq and hash) goes to JetStream's append-only AUDIT
 * stream as an event, and verification compares the database with the newest one. A hash chain alone cannot show
 * that its newest rows were deleted, or that the whole tail was rewritten with fresh hashes; a copy of the head kept
 * elsewhere can.
 */
export class AuditCheckpoints {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: Bus,
  ) {}

  /** Publishes the current head through the outbox (nothing when the log is empty or unchanged since the last one). */
  async record(actor: Actor): Promise<AuditCheckpoint | null> {
    return this.dataSource.transaction(async (tx) => {
      const [head]: { seq: string; hash: string }[] = await tx.query(
        `SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
      );
      if (!head) return null;
      const latest = await this.latest();
      if (latest && latest.seq === Number(head.seq) && latest.hash === head.hash) return latest;
      await recordEvent(
        tx,
        'auditCheckpoint',
        actor,
        { type: 'audit_log', id: 'customer', version: Number(head.seq) },
        {
          lastSeq: head.seq,
          lastHash: head.hash,
        },
      );
      return { seq: Number(head.seq), hash: head.hash, at: new Date() };
    });
  }

  /** The newest checkpoint on the stream, or null when none was published yet. */
  async latest(): Promise<AuditCheckpoint | null> {
    try {
      const message = await this.bus.jsm.streams.getMessage(AUDIT_STREAM, {
        last_by_subj: customerEventCatalog.auditCheckpoint.subject,
      });
      if (!message) return null;
      const event = customerEventsV1.AuditCheckpoint.decode(message.data);
      return { seq: Number(event.lastSeq), hash: event.lastHash, at: event.metadata?.occurredAt ?? message.time };
    } catch (error) {
      if (/no message found|not found/i.test(error instanceof Error ? error.message : String(error))) return null;
      throw error;
    }
  }

  /** Compares the database with the newest checkpoint. */
  async compare(): Promise<CheckpointComparison> {
    const checkpoint = await this.latest();
    if (!checkpoint) return { checkpoint, ok: true, message: 'no checkpoint published yet' };
    const [row]: { hash: string }[] = await this.dataSource.query(`SELECT hash FROM audit_log WHERE seq = $1`, [
      checkpoint.seq,
    ]);
    if (!row) {
      const [{ max }]: { max: string | null }[] = await this.dataSource.query(`SELECT max(seq) AS max FROM audit_log`);
      // A retention purge removes the oldest rows only: the checkpointed row is then older than every remaining one.
      return Number(max ?? 0) < checkpoint.seq
        ? {
            checkpoint,
            ok: false,
            message: `the log ends at seq ${max ?? 0} but seq ${checkpoint.seq} was checkpointed: rows were cut off the end`,
          }
        : { checkpoint, ok: true, message: `seq ${checkpoint.seq} was purged by retention` };
    }
    return row.hash === checkpoint.hash
      ? { checkpoint, ok: true, message: `seq ${checkpoint.seq} matches the checkpoint` }
      : {
          checkpoint,
          ok: false,
          message: `seq ${checkpoint.seq} no longer has the checkpointed hash: the chain was rewritten`,
        };
  }
}
