import { metrics, type Meter } from '@opentelemetry/api';
import type { ClientConfig } from 'pg';
import type { Logger } from '../logging';
import { JobLocks, jobLockKey } from './job-lock';
import type { ScheduledJob } from './scheduled-job';

export interface JobRunnerOptions {
  /** The service name: part of each job's lock key, so two services sharing a server never block each other. */
  service: string;
  jobs: ScheduledJob[];
  /** The service's database: the dedicated session that holds the job locks connects here. */
  database: ClientConfig;
  logger: Logger;
  /** OpenTelemetry meter; the global one unless given (tests pass their own). */
  meter?: Meter;
}

export interface JobRunner {
  start(): void;
  /** Stops scheduling, waits for the runs in progress, runs the `runAtStop` jobs once, then frees the locks. */
  stop(): Promise<void>;
  /** One tick of one job, as the timer would run it: false when another replica holds the job. */
  tick(name: string): Promise<boolean>;
}

// Not `job` or `service`: Prometheus's own target labels would rename them to exported_job / exported_service.
const JOB_NAME = 'crm.job.name';

/** Runs each scheduled job once per tick across every replica of the service (see JobLocks), logged and measured. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { service, jobs, logger } = options;
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`job "${job.name}" is declared twice`);
    if (!(job.intervalMs > 0)) throw new Error(`job "${job.name}": intervalMs must be positive`);
    names.add(job.name);
  }
  const meter = options.meter ?? metrics.getMeter('@crm/platform/jobs');
  const runs = meter.createCounter('crm.job.runs', { description: 'Scheduled job runs, by job and result' });
  const failures = meter.createCounter('crm.job.failures', { description: 'Scheduled job runs that failed' });
  const duration = meter.createHistogram('crm.job.duration', { description: 'Scheduled job run time', unit: 'ms' });
  const lag = meter.createHistogram('crm.job.lag', {
    description: 'How late a scheduled job run started after its due time (timer delay and lock wait)',
    unit: 's',
  });
  const locks = new JobLocks({ ...options.database, application_name: `crm-${service}-jobs` }, logger);
  const timers: NodeJS.Timeout[] = [];
  const inProgress = new Map<string, Promise<boolean>>();
  let stopped = false;
  let stopping: Promise<void> | undefined;

  async function runOnce(job: ScheduledJob, dueAt: number): Promise<boolean> {
    if (!(await locks.acquire(jobLockKey(service, job.name)))) return false;
    lag.record(Math.max(0, Date.now() - dueAt) / 1000, { [JOB_NAME]: job.name });
    const started = performance.now();
    const runId = `${service}-${job.name}-${new Date().toISOString()}`;
    const log = logger.child({ job: job.name, runId });
    log.info('job started');
    const attributes = { [JOB_NAME]: job.name };
    try {
      const result = await job.run({ logger: log, runId });
      const durationMs = Math.round(performance.now() - started);
      log.info({ durationMs, result: result ?? {} }, 'job finished');
      runs.add(1, { ...attributes, result: 'ok' });
      duration.record(durationMs, { ...attributes, result: 'ok' });
    } catch (err) {
      const durationMs = Math.round(performance.now() - started);
      log.error({ err, durationMs }, 'job failed');
      runs.add(1, { ...attributes, result: 'failed' });
      failures.add(1, attributes);
      duration.record(durationMs, { ...attributes, result: 'failed' });
    }
    return true;
  }

  /** `dueAt`: when this tick was meant to start (epoch ms). */
  function tick(job: ScheduledJob, dueAt = Date.now()): Promise<boolean> {
    // A run still going when the next tick comes is not doubled: the tick joins it.
    let run = inProgress.get(job.name);
    if (!run) {
      run = runOnce(job, dueAt)
        .catch((err: unknown) => {
          logger.warn({ err, job: job.name }, 'job lock unavailable: the tick is skipped');
          return false;
        })
        .finally(() => inProgress.delete(job.name));
      inProgress.set(job.name, run);
    }
    return run;
  }

  return {
    start() {
      for (const job of jobs) {
        let dueAt = Date.now() + job.intervalMs;
        const timer = setInterval(() => {
          const due = dueAt;
          dueAt += job.intervalMs;
          if (!stopped) void tick(job, due);
        }, job.intervalMs);
        timer.unref();
        timers.push(timer);
        if (job.runAtStart) void tick(job);
      }
      logger.info({ jobs: jobs.map((j) => ({ name: j.name, intervalMs: j.intervalMs })) }, 'job runner started');
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        timers.splice(0).forEach(clearInterval);
        await Promise.all(inProgress.values());
        await Promise.all(jobs.filter((job) => job.runAtStop).map((job) => tick(job)));
        await locks.close();
      })();
      return stopping;
    },
    tick(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job named "${name}"`);
      return tick(job);
    },
  };
}
