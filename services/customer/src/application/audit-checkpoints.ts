import type { DataSource } from 'typeorm';
import { customerEventsV1 } from '@crm/contracts';
import {
  AUDIT_BASELINE_ACTION,
  auditEntry,
  recordAuditCheckpoint,
  verifyAuditCheckpoints,
  type AuditCheckpoint,
  type AuditCheckpointSource,
  type CheckpointVerification,
} from '@crm/platform/audit';
import { Roles } from '@crm/platform/auth';
import type { Bus } from '@crm/platform/bus';
import { InputError, NotAllowedError } from '@crm/platform/errors';
import type { Logger } from '@crm/platform/logging';
import type { Actor } from '@crm/platform/auth';
import { recordEvent } from '../events/customer-events';

export type { AuditCheckpoint, CheckpointVerification };

/** Slack over the job's interval for the job to run and the relay to publish, before "no checkpoint" is a failure. */
const PUBLISH_SLACK_MS = 60_000;

/**
 * The customer service's audit checkpoints (@crm/platform/audit does the checking): its head goes to JetStream's
 * append-only AUDIT stream as a `crm.customer.v1.AuditCheckpoint` event on `crm.audit.customer.checkpoint`.
 */
export class AuditCheckpoints {
  private readonly source: AuditCheckpointSource;

  constructor(dataSource: DataSource, bus: Bus, options: { intervalMinutes: number; logger?: Logger }) {
    this.source = {
      service: 'customer',
      dataSource,
      bus,
      logger: options.logger,
      intervalMs: options.intervalMinutes * 60_000 + PUBLISH_SLACK_MS,
      decode: (data, storedAt) => {
        const event = customerEventsV1.AuditCheckpoint.decode(data);
        return { seq: Number(event.lastSeq), hash: event.lastHash, at: event.metadata?.occurredAt ?? storedAt };
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
        : auditEntry(actor, AUDIT_BASELINE_ACTION, { type: 'audit_log', id: 'customer' }, [], {
            reason: baselineReason.trim(),
          });
    return recordAuditCheckpoint(
      this.source,
      (tx, head) =>
        recordEvent(
          tx,
          'auditCheckpoint',
          actor,
          { type: 'audit_log', id: 'customer', version: head.seq },
          { lastSeq: String(head.seq), lastHash: head.hash },
        ).then(() => undefined),
      { baseline },
    );
  }

  /** Compares the database with every checkpoint on the stream. */
  compare(): Promise<CheckpointVerification> {
    return verifyAuditCheckpoints(this.source);
  }
}
