import type { DataSource } from 'typeorm';
import { purgeAuditOlderThan } from '../audit';
import { pruneInbox, pruneOutbox } from '../bus';
import { pruneIdempotencyKeys } from '../idempotency';
import type { JobResult, ScheduledJob } from './scheduled-job';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface BuiltInJobsOptions {
  dataSource: DataSource;
  /** Published outbox rows older than this are deleted (JetStream keeps the events). */
  outboxRetentionDays: number;
  /** Processed inbox rows older than this are deleted (far past JetStream's duplicate window and redeliveries). */
  inboxRetentionDays: number;
  /** Anchors the audit chain's head outside the database; the service's own recorder (it knows its stream). */
  auditCheckpoint?: { intervalMs: number; record: (runId: string) => Promise<unknown> };
  /** Audit rows older than this are purged (the purge is itself audited); undefined keeps them forever. */
  auditRetentionDays?: number;
  /** Idempotency keys older than this are deleted (for services with the idempotency_keys table). */
  idempotencyRetentionDays?: number;
  /** How often the pruning jobs run; hourly unless given. */
  pruneIntervalMs?: number;
}

/** The jobs every service with an outbox, an inbox and an audit log runs. A new built-in is one more entry below. */
export function builtInJobs(options: BuiltInJobsOptions): ScheduledJob[] {
  const { dataSource, pruneIntervalMs = HOUR_MS } = options;
  const jobs: ScheduledJob[] = [
    {
      name: 'outbox-prune',
      intervalMs: pruneIntervalMs,
      async run(): Promise<JobResult> {
        const cutoff = new Date(Date.now() - options.outboxRetentionDays * DAY_MS);
        return { pruned: await pruneOutbox(dataSource, cutoff) };
      },
    },
    {
      name: 'inbox-prune',
      intervalMs: pruneIntervalMs,
      async run(): Promise<JobResult> {
        const cutoff = new Date(Date.now() - options.inboxRetentionDays * DAY_MS);
        return { pruned: await pruneInbox(dataSource, cutoff) };
      },
    },
  ];
  const checkpoint = options.auditCheckpoint;
  if (checkpoint) {
    jobs.push({
      name: 'audit-checkpoint',
      intervalMs: checkpoint.intervalMs,
      // A log with rows older than one interval and no checkpoint reads as a lost stream: a service restarted (or
      // stopped) before its first tick must not leave its first rows unanchored.
      runAtStart: true,
      runAtStop: true,
      async run({ runId }) {
        await checkpoint.record(runId);
      },
    });
  }
  const keyRetentionDays = options.idempotencyRetentionDays;
  if (keyRetentionDays) {
    jobs.push({
      name: 'idempotency-key-prune',
      intervalMs: pruneIntervalMs,
      async run(): Promise<JobResult> {
        return { pruned: await pruneIdempotencyKeys(dataSource, new Date(Date.now() - keyRetentionDays * DAY_MS)) };
      },
    });
  }
  const retentionDays = options.auditRetentionDays;
  if (retentionDays) {
    jobs.push({
      name: 'audit-retention',
      intervalMs: pruneIntervalMs,
      async run({ runId }) {
        const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
        const result = await dataSource.transaction((tx) =>
          purgeAuditOlderThan(tx, cutoff, { id: 'system', roles: ['crm-admin'] }, { requestId: runId }),
        );
        return { purged: result.purgedRows };
      },
    });
  }
  return jobs;
}
