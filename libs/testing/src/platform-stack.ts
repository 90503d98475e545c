// Starts the platform as it runs for real: PostgreSQL (embedded unless a server URL is given), nats-server, each service
// and the gateway as child processes. Used by `make dev` and the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';
import { stackServices, type StackService } from './stack-services';

export const repoRoot = join(__dirname, '..', '..', '..');
const nodeBin = process.execPath;

export interface StackOptions {
  /** Where the data lives (PostgreSQL cluster, JetStream store); kept between runs. */
  stateDir: string;
  /** An existing PostgreSQL server (its databases are created on it); otherwise an embedded one in stateDir. */
  postgresUrl?: string;
  /** The Keycloak realm issuer to verify tokens against; without it a Keycloak is started (state in stateDir). */
  keycloakIssuer?: string;
  /** Database names, so several stacks can share one server. */
  databasePrefix?: string;
  ports: {
    postgres: number;
    nats: number;
    natsMonitor?: number;
    keycloak?: number;
    gateway: number;
    /** Per service name: its HTTP (GraphQL, health) and gRPC ports. */
    services: Record<string, { http: number; grpc: number }>;
  };
  logLevel?: string;
  /** The services to start; every one in stack-services.ts unless given. */
  services?: readonly StackService[];
  /** Per service name: the URL the gateway calls for its subgraph instead of the service's own (a test's proxy). */
  subgraphUrls?: Record<string, string>;
  /** Preloads OpenTelemetry in every service and the gateway, as the images do (`OTEL_*` variables configure it). */
  telemetry?: boolean;
  /** More variables for every service and the gateway (e.g. OTEL_EXPORTER_OTLP_ENDPOINT). */
  env?: Record<string, string>;
  /** Each service's and the gateway's stdout and stderr go to `<logDir>/<name>.log` instead of the terminal. */
  logDir?: string;
}

export interface Stack {
  postgresUrl: string;
  keycloakIssuer: string;
  /** Per service name, its database URL. */
  databases: Record<string, string>;
  natsUrl: string;
  /** `gateway`, and per service `<name>Graphql` (its subgraph endpoint) and `<name>Grpc` (host:port). */
  urls: Record<string, string> & { gateway: string };
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
      // A bounded probe: one that never answers must not eat the whole deadline.
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
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

function run(options: StackOptions, name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const log = options.logDir ? openSync(join(options.logDir, `${name}.log`), 'a') : undefined;
  const telemetry = options.telemetry ? ['--import', '@crm/platform/telemetry/register'] : [];
  // Own process group: a Ctrl-C in the terminal reaches only the launcher, which then stops each child once, in order.
  const child = spawn(nodeBin, ['--import', 'tsx', ...telemetry, entry], {
    cwd: repoRoot,
    env: { ...process.env, OTEL_SERVICE_NAME: name, ...options.env, ...env },
    stdio: ['ignore', log ?? 'inherit', log ?? 'inherit'],
    detached: true,
  });
  if (log !== undefined) closeSync(log);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') process.stderr.write(`dev: ${name} exited (${code ?? signal})\n`);
  });
  return child;
}

/** Starts every part in order; if one fails, whatever was already started is stopped before the error is thrown. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const stops: (() => Promise<void>)[] = [];
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    for (const child of [...children].reverse()) {
      child.kill('SIGTERM');
      await waitForExit(child, 15_000);
    }
    for (const stop of [...stops].reverse()) await stop();
  };
  // Children must not outlive a test runner or dev script that dies.
  process.once('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
  try {
    return await launchStack(options, children, stops, stopAll);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function launchStack(
  options: StackOptions,
  children: ChildProcess[],
  stops: (() => Promise<void>)[],
  stopAll: () => Promise<void>,
): Promise<Stack> {
  mkdirSync(options.stateDir, { recursive: true });

  let postgresUrl = options.postgresUrl;
  if (!postgresUrl) {
    const pg = spawn(
      nodeBin,
      [
        join(repoRoot, 'libs/testing/postgres-runner.mjs'),
        join(options.stateDir, 'postgres'),
        String(options.ports.postgres),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      },
    );
    postgresUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      pg.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      pg.once('exit', (code) => reject(new Error(`PostgreSQL exited with code ${code} before it was ready`)));
    });
    stops.push(async () => {
      pg.kill('SIGTERM');
      await waitForExit(pg, 30_000);
    });
    process.once('exit', () => pg.exitCode === null && pg.kill('SIGKILL'));
  }
  let keycloakIssuer = options.keycloakIssuer;
  if (!keycloakIssuer) {
    const keycloakPort = options.ports.keycloak ?? 8080;
    const kc = spawn(
      nodeBin,
      [
        join(repoRoot, 'scripts/keycloak/start.mjs'),
        '--port',
        String(keycloakPort),
        '--data',
        join(options.stateDir, 'keycloak'),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      },
    );
    keycloakIssuer = await new Promise<string>((resolve, reject) => {
      let out = '';
      kc.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const issuer = out.match(/issuer\s+(\S+)/)?.[1];
        if (issuer) resolve(issuer);
      });
      kc.once('exit', (code) =>
        reject(new Error(`Keycloak exited with code ${code} before it was ready (run \`make setup\`)`)),
      );
    });
    stops.unshift(async () => {
      kc.kill('SIGTERM');
      await waitForExit(kc, 30_000);
    });
    process.once('exit', () => kc.exitCode === null && kc.kill('SIGKILL'));
  }
  const natsBin = process.env.NATS_SERVER_BIN ?? join(repoRoot, '.tools/bin/nats-server');
  if (!existsSync(natsBin)) throw new Error('nats-server not found: run `make setup`');
  const natsStore = join(options.stateDir, 'nats');
  mkdirSync(natsStore, { recursive: true });
  const monitorPort = options.ports.natsMonitor ?? (await freePort());
  const natsArgs = [
    '-a',
    '127.0.0.1',
    '-p',
    String(options.ports.nats),
    '-js',
    '-sd',
    natsStore,
    '-m',
    String(monitorPort),
  ];
  const nats = spawn(natsBin, natsArgs, { stdio: 'ignore', detached: true });
  children.push(nats);
  const natsUrl = `nats://127.0.0.1:${options.ports.nats}`;
  await waitForUrl(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`, 'nats-server', nats);

  const logLevel = options.logLevel ?? 'info';
  const services = options.services ?? stackServices;
  const databases: Record<string, string> = {};
  for (const service of services) {
    const url = await ensureDatabase(
      postgresUrl,
      `${options.databasePrefix ?? 'crm'}_${service.databaseName ?? service.name}`,
    );
    databases[service.name] = url;
    await migrate(service, url);
  }

  const urls: Stack['urls'] = { gateway: `http://127.0.0.1:${options.ports.gateway}/graphql` };
  const subgraphUrls: Record<string, string> = {};
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const started = services.map((service) => {
    const ports = options.ports.services[service.name];
    if (!ports) throw new Error(`no ports given for service ${service.name}`);
    const child = run(options, service.name, service.entry, {
      [service.env.database]: databases[service.name],
      NATS_URL: natsUrl,
      [service.env.grpcPort]: String(ports.grpc),
      [service.env.httpPort]: String(ports.http),
      KEYCLOAK_ISSUER: keycloakIssuer,
      // The test and dev stack log users in through the test-only crm-test client (password grant).
      AUTH_ALLOW_DEVELOPMENT_CLIENTS: 'true',
      LOG_LEVEL: logLevel,
      ...service.extraEnv,
      ...Object.fromEntries(
        Object.entries(service.grpcAddressOf ?? {}).map(([variable, peer]) => {
          const peerPorts = options.ports.services[peer];
          if (!peerPorts) throw new Error(`${service.name} needs ${peer}, which the stack does not start`);
          return [variable, `127.0.0.1:${peerPorts.grpc}`];
        }),
      ),
    });
    children.push(child);
    urls[`${service.name}Graphql`] = `http://127.0.0.1:${ports.http}/graphql`;
    urls[`${service.name}Grpc`] = `127.0.0.1:${ports.grpc}`;
    if (service.subgraphUrlEnv)
      subgraphUrls[service.subgraphUrlEnv] = options.subgraphUrls?.[service.name] ?? urls[`${service.name}Graphql`];
    return waitForUrl(`http://127.0.0.1:${ports.http}/readyz`, service.name, child);
  });
  await Promise.all(started);

  // The gateway serves the committed supergraph; each subgraph's URL comes from the service list.
  const gateway = run(options, 'gateway', 'gateway/src/main.ts', {
    GATEWAY_PORT: String(options.ports.gateway),
    ...subgraphUrls,
    KEYCLOAK_ISSUER: keycloakIssuer,
    // The test and dev stack log users in through the test-only crm-test client (password grant).
    AUTH_ALLOW_DEVELOPMENT_CLIENTS: 'true',
    LOG_LEVEL: logLevel,
  });
  children.push(gateway);
  await waitForUrl(`http://127.0.0.1:${options.ports.gateway}/readyz`, 'gateway', gateway);

  return { postgresUrl, keycloakIssuer, databases, natsUrl, urls, stop: stopAll };
}

/** Runs a service's migration command against `databaseUrl` (as `make migrate` and a Helm hook Job do). */
export async function migrate(service: StackService, databaseUrl: string): Promise<void> {
  const child = spawn(nodeBin, ['--import', 'tsx', service.migrate], {
    cwd: repoRoot,
    env: { ...process.env, [service.env.database]: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${service.name} migrations failed`)))),
  );
}

export const defaultDevPorts: StackOptions['ports'] = {
  keycloak: 8080,
  postgres: 5433,
  nats: 4222,
  natsMonitor: 8222,
  gateway: 4000,
  services: Object.fromEntries(stackServices.map((s) => [s.name, s.devPorts])),
};

/** Free ports for every part, for tests that run a whole stack beside others. */
export async function freeStackPorts(
  services: readonly StackService[] = stackServices,
): Promise<StackOptions['ports']> {
  const servicePorts: StackOptions['ports']['services'] = {};
  for (const service of services) servicePorts[service.name] = { http: await freePort(), grpc: await freePort() };
  return { postgres: await freePort(), nats: await freePort(), gateway: await freePort(), services: servicePorts };
}
