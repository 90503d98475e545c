import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { keycloakIssuer } from './keycloak-tokens';
import { freePort } from './ports';
import { migrate, repoRoot } from './platform-stack';
import { stackServices, type StackService } from './stack-services';

/** A service of the stack in its own process, as deployed: a hung event loop there cannot hang the test. */
export interface ServiceProcess {
  child: ChildProcess;
  httpPort: number;
  grpcPort: number;
  /** `127.0.0.1:<grpc port>`, for another service's client. */
  grpcAddress: string;
  /** What the service wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Resolves with the exit code once the process has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGKILL: the crash of a pod, nothing drained. */
  kill(): Promise<void>;
}

export function stackService(name: string): StackService {
  const service = stackServices.find((s) => s.name === name);
  if (!service) throw new Error(`no service named ${name} in libs/testing/src/stack-services.ts`);
  return service;
}

async function waitForReady(name: string, port: number, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited()) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not become ready`);
}

/** Applies a service's migrations to a database, with its own migration command. */
export function migrateService(name: string, databaseUrl: string): Promise<void> {
  return migrate(stackService(name), databaseUrl);
}

/**
 * Starts a service of the stack (`services/<name>/src/main.ts`) on free ports against a migrated database and a NATS
 * server; `env` adds to or overrides its environment (e.g. CUSTOMER_GRPC_ADDRESS, NODE_ENV=production).
 */
export async function spawnService(
  name: string,
  options: { databaseUrl: string; natsUrl: string; env?: Record<string, string> },
): Promise<ServiceProcess> {
  const service = stackService(name);
  const [grpcPort, httpPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, service.entry)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KEYCLOAK_ISSUER: keycloakIssuer(),
      [service.env.database]: options.databaseUrl,
      NATS_URL: options.natsUrl,
      [service.env.grpcPort]: String(grpcPort),
      [service.env.httpPort]: String(httpPort),
      // The test logs users in through the test-only crm-test client (password grant).
      AUTH_ALLOW_DEVELOPMENT_CLIENTS: 'true',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  try {
    await waitForReady(name, httpPort, 30_000, () => child.exitCode !== null || child.signalCode !== null);
  } catch (error) {
    await kill();
    throw new Error(`${(error as Error).message}: ${stderr}`, { cause: error });
  }
  return { child, httpPort, grpcPort, grpcAddress: `127.0.0.1:${grpcPort}`, stderr: () => stderr, exited, kill };
}
