import type { Logger } from '../logging';
import { SHUTDOWN_PHASES, type ShutdownPhase } from './shutdown-phases';

export type ShutdownHook = () => Promise<void> | void;

export interface ShutdownOptions {
  logger: Logger;
  /** The whole shutdown's budget; past it the process exits 1. Below Kubernetes' 30 s grace period by default. */
  timeoutMs?: number;
  /** Marked shutting down before the first phase, so readiness probes fail before any listener closes. */
  readiness?: { markShuttingDown(): void };
  /** Pause after marking not ready, so load balancers stop routing before listeners close. */
  readinessGraceMs?: number;
  /** How the process ends; process.exit unless given (tests pass their own). */
  exit?: (code: number) => void;
}

export interface Shutdown {
  /** Registers a step; steps of one phase run together, phases run one after the other. */
  onShutdown(phase: ShutdownPhase, name: string, fn: ShutdownHook): void;
  /** Shuts down on SIGTERM and SIGINT; a second signal exits at once. */
  listen(signals?: NodeJS.Signals[]): void;
  /** Runs every phase once (later calls get the same promise), then exits; resolves the exit code. */
  shutdown(reason: string): Promise<number>;
  isShuttingDown(): boolean;
}

interface Hook {
  name: string;
  fn: ShutdownHook;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createShutdown(options: ShutdownOptions): Shutdown {
  const { logger, timeoutMs = 25_000, readiness, readinessGraceMs = 0, exit = (code) => process.exit(code) } = options;
  const hooks = new Map<ShutdownPhase, Hook[]>(SHUTDOWN_PHASES.map((phase) => [phase, []]));
  let running: Promise<number> | undefined;
  let current: { phase: ShutdownPhase; pending: Set<string> } | undefined;

  async function runPhases(): Promise<number> {
    let failed = false;
    readiness?.markShuttingDown();
    if (readinessGraceMs > 0) await sleep(readinessGraceMs);
    for (const phase of SHUTDOWN_PHASES) {
      const steps = hooks.get(phase) ?? [];
      if (steps.length === 0) continue;
      const started = performance.now();
      const pending = new Set(steps.map((step) => step.name));
      current = { phase, pending };
      logger.info({ phase, steps: [...pending] }, 'shutdown phase started');
      await Promise.all(
        steps.map(async ({ name, fn }) => {
          try {
            await fn();
          } catch (error) {
            failed = true;
            logger.error({ err: error, phase, step: name }, 'shutdown step failed');
          } finally {
            pending.delete(name);
          }
        }),
      );
      logger.info({ phase, durationMs: Math.round(performance.now() - started) }, 'shutdown phase finished');
    }
    return failed ? 1 : 0;
  }

  async function run(reason: string): Promise<number> {
    const started = performance.now();
    logger.info({ reason, timeoutMs }, 'shutting down');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([runPhases(), timedOut]);
    clearTimeout(timer);
    let code: number;
    if (outcome === 'timeout') {
      code = 1;
      logger.error({ phase: current?.phase, pending: [...(current?.pending ?? [])], timeoutMs }, 'shutdown timed out');
    } else {
      code = outcome;
      logger.info({ code, durationMs: Math.round(performance.now() - started) }, 'shutdown complete');
    }
    logger.flush();
    exit(code);
    return code;
  }

  const shutdown: Shutdown = {
    onShutdown(phase, name, fn) {
      const steps = hooks.get(phase);
      if (!steps) throw new Error(`unknown shutdown phase "${phase}"`);
      if (running) logger.warn({ phase, step: name }, 'shutdown step registered while shutting down: ignored');
      else steps.push({ name, fn });
    },
    listen(signals = ['SIGTERM', 'SIGINT']) {
      for (const signal of signals) {
        process.on(signal, () => {
          if (running) {
            logger.warn({ signal }, 'second signal while shutting down: exiting now');
            exit(1);
            return;
          }
          void shutdown.shutdown(signal);
        });
      }
    },
    shutdown(reason) {
      running ??= run(reason);
      return running;
    },
    isShuttingDown: () => running !== undefined,
  };
  return shutdown;
}
