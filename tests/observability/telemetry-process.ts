import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eventually, repoRoot } from '@crm/testing';
import { parsePrometheusText, type Scrape } from './prometheus-text';

const telemetryRegister = join(repoRoot, 'libs/platform/src/telemetry/register.ts');

/** A process started as deployed: telemetry preloaded (the instrumentations hook require(), which jest replaces). */
export interface TelemetryProcess {
  child: ChildProcess;
  stderr(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Runs `script` with tsx and the telemetry preload, the caller's `OTEL_*` variables left out so `env` alone decides. */
export function spawnWithTelemetry(script: string, env: Record<string, string>): TelemetryProcess {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(inherited)) if (name.startsWith('OTEL_')) delete inherited[name];
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', telemetryRegister, script], {
    cwd: repoRoot,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Scrapes `/metrics` on `metricsPort` (running `beforeEach` first) until every family of `families` has a sample;
 * fails naming those still missing and the process's stderr.
 */
export async function scrapeUntilEvery(
  metricsPort: number,
  families: readonly string[],
  process: TelemetryProcess,
  beforeEach: () => Promise<unknown> = async () => undefined,
): Promise<{ scrape: Scrape; body: string }> {
  let body = '';
  const scrape = await eventually(
    async () => {
      await beforeEach();
      body = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return parsePrometheusText(body);
    },
    (read) => families.every((name) => (read.get(name) ?? []).length > 0),
    { timeoutMs: 20_000, intervalMs: 250 },
  ).catch((error: unknown) => {
    const missing = families.filter((name) => !parsePrometheusText(body).get(name)?.length);
    throw new Error(`metrics never scraped: ${missing.join(', ')}\n${process.stderr()}`, { cause: error });
  });
  return { scrape, body };
}
