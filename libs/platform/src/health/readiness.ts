import { metrics } from '@opentelemetry/api';
import type { Logger } from '../logging';

/** One thing the process checks before it serves: the database, the NATS connection, the consumers. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when healthy; rejects (or times out) when not. */
  check: () => Promise<void>;
  /** How long the check may take before it counts as failing; 2000 ms unless given. */
  timeoutMs?: number;
  /**
   * The process can still serve while this fails (NATS: the outbox keeps the events), so a failure reports the
   * process as degraded, not as not ready, and the replica stays behind the load balancer.
   */
  degradesOnly?: boolean;
}

export type CheckResult =
  { status: 'ok'; durationMs: number } | { status: 'failing'; error: string; durationMs: number };

export interface ReadinessReport {
  ready: boolean;
  shuttingDown: boolean;
  /** The failing checks that only degrade the process (see ReadinessCheck.degradesOnly). */
  degraded: string[];
  checks: Record<string, CheckResult>;
}

export interface ReadinessOptions {
  /** Warned when a check starts degrading the process, told when it recovers. */
  logger?: Logger;
}

/** The process's readiness: shared by HTTP /readyz and the gRPC health service, so both always agree. */
export interface Readiness {
  /** Runs every check (in parallel, each with its timeout); reports not ready at once when shutting down. */
  evaluate(): Promise<ReadinessReport>;
  /** From now on the process reports not ready, so load balancers stop sending it traffic. */
  markShuttingDown(): void;
  isShuttingDown(): boolean;
  /** Called once when markShuttingDown() is first called. */
  onShuttingDown(listener: () => void): void;
}

const DEFAULT_TIMEOUT_MS = 2000;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runCheck({ check, timeoutMs = DEFAULT_TIMEOUT_MS }: ReadinessCheck): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(check), timeout]);
    return { status: 'ok', durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'failing', error: errorMessage(error), durationMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

const meter = metrics.getMeter('@crm/platform/health');
const degradedGauge = meter.createGauge('crm.readiness.degraded', {
  description: '1 while the named check fails but only degrades the process (it stays ready), else 0',
});

export function createReadiness(checks: ReadinessCheck[], options: ReadinessOptions = {}): Readiness {
  const names = new Set<string>();
  for (const { name } of checks) {
    if (names.has(name)) throw new Error(`readiness check "${name}" is declared twice`);
    names.add(name);
  }
  let shuttingDown = false;
  const listeners: (() => void)[] = [];
  let degradedBefore = new Set<string>();

  const reportDegraded = (degraded: string[]) => {
    for (const { name, degradesOnly } of checks) {
      if (degradesOnly) degradedGauge.record(degraded.includes(name) ? 1 : 0, { check: name });
    }
    const now = new Set(degraded);
    const started = degraded.filter((name) => !degradedBefore.has(name));
    const recovered = [...degradedBefore].filter((name) => !now.has(name));
    if (started.length) options.logger?.warn({ degraded, started }, 'readiness degraded: serving without a dependency');
    if (recovered.length) options.logger?.info({ degraded, recovered }, 'readiness dependency recovered');
    degradedBefore = now;
  };

  return {
    async evaluate() {
      if (shuttingDown) return { ready: false, shuttingDown, degraded: [], checks: {} };
      const results = await Promise.all(checks.map(runCheck));
      const report: Record<string, CheckResult> = {};
      checks.forEach(({ name }, i) => (report[name] = results[i]));
      const failing = checks.filter((_, i) => results[i].status === 'failing');
      const degraded = failing.filter((c) => c.degradesOnly).map((c) => c.name);
      reportDegraded(degraded);
      const ready = !shuttingDown && failing.every((c) => c.degradesOnly);
      return { ready, shuttingDown, degraded, checks: report };
    },
    markShuttingDown() {
      if (shuttingDown) return;
      shuttingDown = true;
      for (const listener of listeners) listener();
    },
    isShuttingDown: () => shuttingDown,
    onShuttingDown(listener) {
      listeners.push(listener);
    },
  };
}
