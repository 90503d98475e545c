// Starts the local platform: PostgreSQL (embedded unless DATABASE_URL names a server), nats-server, the services and the
// gateway, each as a child process. Used by `make dev`, `make seed` and `make bench`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export const repoRoot = join(__dirname, '..', '..');
const nodeBin = process.execPath;

export interface StackOptions {
  /** Where the dev data lives (PostgreSQL cluster, JetStream store); kept between runs. */
  stateDir: string;
  ports: { postgres: number; nats: number; customerGrpc: number; customerHttp: number; gateway: number };
  logLevel?: string;
}

export interface Stack {
  postgresUrl: string;
  databases: { customer: string };
  natsUrl: string;
  urls: { gateway: string; customerGraphql: string; customerGrpc: string };
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function waitForUrl(url: string, name: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs} ms`);
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(nodeBin, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') process.stderr.write(`dev: ${name} exited (${code ?? signal})\n`);
  });
  return child;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  mkdirSync(options.stateDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];

  let postgresUrl = process.env.DATABASE_URL;
  if (!postgresUrl) {
    const { startPostgres } = (await import(join(repoRoot, 'libs/testing/postgres-server.mjs'))) as {
      startPostgres(o: {
        dataDir: string;
        port: number;
        persistent: boolean;
      }): Promise<{ url: string; stop(): Promise<void> }>;
    };
    const pg = await startPostgres({
      dataDir: join(options.stateDir, 'postgres'),
      port: options.ports.postgres,
      persistent: true,
    });
    postgresUrl = pg.url;
    stops.push(() => pg.stop());
  }
  const customerDb = await ensureDatabase(postgresUrl, 'crm_customer');

  const natsBin = process.env.NATS_SERVER_BIN ?? join(repoRoot, '.tools/bin/nats-server');
  if (!existsSync(natsBin)) throw new Error('nats-server not found: run `make setup`');
  const natsStore = join(options.stateDir, 'nats');
  mkdirSync(natsStore, { recursive: true });
  const nats = spawn(
    natsBin,
    [
      '-a',
      '127.0.0.1',
      '-p',
      String(options.ports.nats),
      '-js',
      '-sd',
      natsStore,
      '-m',
      String(options.ports.nats + 1),
    ],
    { stdio: 'ignore' },
  );
  children.push(nats);
  const natsUrl = `nats://127.0.0.1:${options.ports.nats}`;
  await waitForUrl(`http://127.0.0.1:${options.ports.nats + 1}/healthz?js-enabled-only=true`, 'nats-server', nats);

  const logLevel = options.logLevel ?? 'info';
  const migrate = spawn(nodeBin, ['--import', 'tsx', 'services/customer/src/db/migrate.ts'], {
    cwd: repoRoot,
    env: { ...process.env, CUSTOMER_DATABASE_URL: customerDb },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await new Promise<void>((resolve, reject) =>
    migrate.once('exit', (code) => (code === 0 ? resolve() : reject(new Error('customer migrations failed')))),
  );

  const customer = run('customer', ['--import', 'tsx', 'services/customer/src/main.ts'], {
    CUSTOMER_DATABASE_URL: customerDb,
    NATS_URL: natsUrl,
    CUSTOMER_GRPC_PORT: String(options.ports.customerGrpc),
    CUSTOMER_HTTP_PORT: String(options.ports.customerHttp),
    LOG_LEVEL: logLevel,
  });
  children.push(customer);
  await waitForUrl(`http://127.0.0.1:${options.ports.customerHttp}/readyz`, 'customer', customer);

  const gateway = run('gateway', ['--import', 'tsx', 'gateway/src/main.ts'], {
    GATEWAY_PORT: String(options.ports.gateway),
    CUSTOMER_SUBGRAPH_URL: `http://127.0.0.1:${options.ports.customerHttp}/graphql`,
    LOG_LEVEL: logLevel,
  });
  children.push(gateway);
  await waitForUrl(`http://127.0.0.1:${options.ports.gateway}/readyz`, 'gateway', gateway);

  return {
    postgresUrl,
    databases: { customer: customerDb },
    natsUrl,
    urls: {
      gateway: `http://127.0.0.1:${options.ports.gateway}/graphql`,
      customerGraphql: `http://127.0.0.1:${options.ports.customerHttp}/graphql`,
      customerGrpc: `127.0.0.1:${options.ports.customerGrpc}`,
    },
    async stop() {
      for (const child of [...children].reverse()) {
        child.kill('SIGTERM');
        await waitForExit(child, 15_000);
      }
      for (const stop of stops.reverse()) await stop();
    },
  };
}

export const defaultDevPorts = { postgres: 5433, nats: 4222, customerGrpc: 50051, customerHttp: 4001, gateway: 4000 };
