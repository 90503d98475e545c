import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, keycloakIssuer } from '@crm/testing';

const repoRoot = join(__dirname, '..', '..', '..');

/** The customer service in its own process, as deployed: a hung event loop there cannot hang the test. */
export interface CustomerProcess {
  child: ChildProcess;
  httpPort: number;
  grpcPort: number;
  /** What the service wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Resolves with the exit code once the process has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  kill(): Promise<void>;
}

async function waitForReady(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('customer service did not become ready');
}

/**
 * Starts `services/customer/src/main.ts` on free ports against a migrated database and a NATS server; `env` adds to or
 * overrides its environment (e.g. NODE_ENV=production).
 */
export async function spawnCustomerProcess(
  databaseUrl: string,
  natsUrl: string,
  env: Record<string, string> = {},
): Promise<CustomerProcess> {
  const [grpcPort, httpPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/customer/src/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KEYCLOAK_ISSUER: keycloakIssuer(),
      CUSTOMER_DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      CUSTOMER_GRPC_PORT: String(grpcPort),
      CUSTOMER_HTTP_PORT: String(httpPort),
      // The test logs users in through the test-only crm-test client (password grant).
      AUTH_ALLOW_DEVELOPMENT_CLIENTS: 'true',
      LOG_LEVEL: 'warn',
      ...env,
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
    await waitForReady(httpPort, 30_000);
  } catch (error) {
    await kill();
    throw new Error(`${(error as Error).message}: ${stderr}`, { cause: error });
  }
  return { child, httpPort, grpcPort, stderr: () => stderr, exited, kill };
}
