import type { Logger } from '../logging';

/** What a run reports, logged with its end line (e.g. `{ pruned: 12 }`). */
export type JobResult = Record<string, unknown> | void;

/** One piece of scheduled work of a service: the runner runs it every `intervalMs`, on one replica at a time. */
export interface ScheduledJob {
  /** Unique within the service, e.g. `outbox-prune`; names the lock, the log lines and the metric attribute. */
  name: string;
  intervalMs: number;
  /** Also run once as soon as the runner starts (e.g. a watch that should not wait a whole interval). */
  runAtStart?: boolean;
  /** Also run once when the runner stops (e.g. work that a restart must not postpone by a whole interval). */
  runAtStop?: boolean;
  run(context: JobRunContext): Promise<JobResult>;
}

export interface JobRunContext {
  logger: Logger;
  /** `<service>-<job>-<start time>`: the request id the run's audit rows carry. */
  runId: string;
}
