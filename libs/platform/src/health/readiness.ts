/** One thing the process needs before it can serve: the database, the NATS connection, the consumers. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when healthy; rejects (or times out) when not. */
  check: () => Promise<void>;
  /** How long the check may take before it counts as failing; 2000 ms unless given. */
  timeoutMs?: number;
}

export type CheckResult =
  { status: 'ok'; durationMs: number } | { status: 'failing'; error: string; durationMs: number };

export interface ReadinessReport {
  ready: boolean;
  shuttingDown: boolean;
  checks: Record<string, CheckResult>;
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

export function createReadiness(checks: ReadinessCheck[]): Readiness {
  const names = new Set<string>();
  for (const { name } of checks) {
    if (names.has(name)) throw new Error(`readiness check "${name}" is declared twice`);
    names.add(name);
  }
  let shuttingDown = false;
  const listeners: (() => void)[] = [];

  return {
    async evaluate() {
      if (shuttingDown) return { ready: false, shuttingDown, checks: {} };
      const results = await Promise.all(checks.map(runCheck));
      const report: Record<string, CheckResult> = {};
      checks.forEach(({ name }, i) => (report[name] = results[i]));
      return { ready: !shuttingDown && results.every((r) => r.status === 'ok'), shuttingDown, checks: report };
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
