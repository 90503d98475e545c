// The processes a benchmark runs as they are deployed (nats-server, services, gateway), each registered for clean-up.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, natsServerBinary } from '@crm/testing';
import type { CleanupStack } from './bench-cleanup';
import { repoRoot } from './bench-postgres';

export interface Child {
  process: ChildProcess;
  /** The last lines it wrote, for the error message when it dies. */
  tail: () => string;
}

export function startChild(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cleanup: CleanupStack,
): Child {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  cleanup.add(
    name,
    () => stopChild(child),
    () => child.kill('SIGKILL'),
  );
  return { process: child, tail: () => tail };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function waitReady(url: string, name: string, child: Child, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.process.exitCode} before it was ready:\n${child.tail()}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs} ms:\n${child.tail()}`);
}

/** A nats-server with JetStream in a temporary store; returns its URL. */
export async function startBenchNats(cleanup: CleanupStack): Promise<string> {
  const [natsPort, natsMonitorPort] = [await freePort(), await freePort()];
  // Started here rather than with startNats(), so the process can be killed even if this one exits abruptly.
  const natsStore = mkdtempSync(join(tmpdir(), 'crm-bench-nats-'));
  const removeStore = () => rmSync(natsStore, { recursive: true, force: true });
  cleanup.add('nats store', async () => removeStore(), removeStore);
  const nats = startChild(
    'nats-server',
    natsServerBinary(),
    ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', natsStore, '-m', String(natsMonitorPort)],
    {},
    cleanup,
  );
  await waitReady(`http://127.0.0.1:${natsMonitorPort}/healthz?js-enabled-only=true`, 'nats-server', nats);
  return `nats://127.0.0.1:${natsPort}`;
}

/** `node --import tsx <entry>` with `env`, ready once `readyUrl` answers 200 (the services and the gateway). */
export async function startNodeProcess(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  readyUrl: string,
  cleanup: CleanupStack,
): Promise<Child> {
  const child = startChild(name, process.execPath, ['--import', 'tsx', join(...entry.split('/'))], env, cleanup);
  await waitReady(readyUrl, name, child);
  return child;
}

/** The customer service on free ports against `databaseUrl`; returns its gRPC address and its subgraph URL. */
export async function startBenchCustomerService(
  databaseUrl: string,
  natsUrl: string,
  auth: NodeJS.ProcessEnv,
  cleanup: CleanupStack,
): Promise<{ grpcAddress: string; subgraphUrl: string }> {
  const [grpcPort, httpPort] = [await freePort(), await freePort()];
  await startNodeProcess(
    'customer service',
    'services/customer/src/main.ts',
    {
      CUSTOMER_DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      CUSTOMER_GRPC_PORT: String(grpcPort),
      CUSTOMER_HTTP_PORT: String(httpPort),
      ...auth,
    },
    `http://127.0.0.1:${httpPort}/readyz`,
    cleanup,
  );
  return { grpcAddress: `127.0.0.1:${grpcPort}`, subgraphUrl: `http://127.0.0.1:${httpPort}/graphql` };
}

/** A service's main.ts as a child process, waited for until /readyz answers; returns its GraphQL endpoint. */
export async function startBenchService(
  name: string,
  service: string,
  env: NodeJS.ProcessEnv & { httpPort: string },
  cleanup: CleanupStack,
): Promise<string> {
  const { httpPort, ...rest } = env;
  await startNodeProcess(name, `services/${service}/src/main.ts`, rest, `http://127.0.0.1:${httpPort}/readyz`, cleanup);
  return `http://127.0.0.1:${httpPort}/graphql`;
}

/** The gateway as a child process in front of the given subgraph endpoints (env name → URL). */
export async function startBenchGateway(
  subgraphUrls: Record<string, string>,
  auth: NodeJS.ProcessEnv,
  cleanup: CleanupStack,
  name = 'gateway',
): Promise<{ url: string; readiness: string }> {
  const port = await freePort();
  // Liveness, not readiness: the timed requests prove the path works; /readyz is reported as found.
  await startNodeProcess(
    name,
    'gateway/src/main.ts',
    { GATEWAY_PORT: String(port), ...subgraphUrls, ...auth },
    `http://127.0.0.1:${port}/healthz`,
    cleanup,
  );
  const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    readiness: `${readyz.status} ${(await readyz.text()).slice(0, 300)}`,
  };
}
