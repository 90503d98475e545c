import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/db';
import { createLogger } from '../src/logging';
import {
  consumersCheck,
  createHealthRouter,
  createReadiness,
  databaseCheck,
  natsCheck,
  startHealthServer,
  type HealthRouter,
} from '../src/health';

async function get(server: Server, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('health endpoints', () => {
  let natsConnected = true;
  let consumersRunning = true;
  let database: TestDatabase;
  let dataSource: DataSource;
  let router: HealthRouter;
  let server: Server;

  beforeAll(async () => {
    database = await createTestDatabase('health');
    dataSource = createDataSource({ url: database.url, entities: [], migrations: [] });
    await dataSource.initialize();
    router = createHealthRouter([
      databaseCheck(dataSource),
      natsCheck(() => natsConnected),
      consumersCheck(() => consumersRunning),
      { name: 'search-index', check: () => new Promise<void>(() => undefined), timeoutMs: 100 },
    ]);
    server = await startHealthServer(0, router, '127.0.0.1');
  });

  afterAll(async () => {
    await close(server);
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  });

  it('/healthz answers 200 ok whatever the dependencies say', async () => {
    natsConnected = false;
    try {
      expect(await get(server, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      natsConnected = true;
    }
  });

  it('/readyz names each failing check with its error, and a hung check fails at its timeout', async () => {
    natsConnected = false;
    consumersRunning = false;
    try {
      const started = Date.now();
      const { status, body } = await get(server, '/readyz');
      expect(Date.now() - started).toBeLessThan(1500);
      expect(status).toBe(503);
      expect(body.status).toBe('not ready');
      expect(body.failing).toEqual(['nats', 'consumers', 'search-index']);
      expect(body.checks).toMatchObject({
        database: { status: 'ok' },
        nats: { status: 'failing', error: 'not connected to NATS' },
        consumers: { status: 'failing', error: 'event consumers are not running' },
        'search-index': { status: 'failing', error: 'timed out after 100 ms' },
      });
    } finally {
      natsConnected = true;
      consumersRunning = true;
    }
  });

  it('/readyz stays 200 while only NATS and the consumers fail, reporting the process as degraded', async () => {
    const lines: string[] = [];
    const logger = createLogger('health-test', { level: 'info' }, { write: (line: string) => lines.push(line) });
    const degradable = createHealthRouter(
      createReadiness([databaseCheck(dataSource), natsCheck(() => natsConnected), consumersCheck(() => false)], {
        logger,
      }),
    );
    const other = await startHealthServer(0, degradable, '127.0.0.1');
    natsConnected = false;
    try {
      const { status, body } = await get(other, '/readyz');
      expect(status).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.degraded).toEqual(['nats', 'consumers']);
      expect(body.checks).toMatchObject({
        database: { status: 'ok' },
        nats: { status: 'failing', error: 'not connected to NATS' },
        consumers: { status: 'failing', error: 'event consumers are not running' },
      });
      await get(other, '/readyz');
      const warnings = lines.map((line) => JSON.parse(line) as { level: string; msg: string });
      // Warned once when NATS was lost, not on every probe.
      expect(warnings.filter((l) => l.msg === 'readiness degraded: serving without a dependency')).toHaveLength(1);
      expect(warnings.find((l) => l.msg === 'readiness degraded: serving without a dependency')?.level).toBe('warn');
    } finally {
      natsConnected = true;
      await close(other);
    }
  });

  it('/readyz answers 200 ready with every check once all pass', async () => {
    const healthy = createHealthRouter([databaseCheck(dataSource), natsCheck(() => true), consumersCheck(() => true)]);
    const other = await startHealthServer(0, healthy, '127.0.0.1');
    try {
      const { status, body } = await get(other, '/readyz');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: 'ready',
        checks: { database: { status: 'ok' }, nats: { status: 'ok' }, consumers: { status: 'ok' } },
      });
    } finally {
      await close(other);
    }
  });

  it('fails the database check when the database cannot answer', async () => {
    const lost = createDataSource({ url: database.url, entities: [], migrations: [] });
    const healthy = createHealthRouter([databaseCheck(lost)]);
    const other = await startHealthServer(0, healthy, '127.0.0.1');
    try {
      const { status, body } = await get(other, '/readyz');
      expect(status).toBe(503);
      expect(body.checks).toMatchObject({ database: { status: 'failing', error: 'database connection is not open' } });
    } finally {
      await close(other);
    }
  });

  it('/readyz answers 503 shutting down once markShuttingDown was called, /healthz stays 200', async () => {
    router.markShuttingDown();
    expect(await get(server, '/readyz')).toEqual({ status: 503, body: { status: 'shutting down' } });
    expect((await get(server, '/healthz')).status).toBe(200);
  });
});
