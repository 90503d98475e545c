import { Writable } from 'node:stream';
import { startNats, type NatsServer } from '@crm/testing';
import { Router } from 'express';
import { parse } from 'graphql';
import { createDataSource } from '../src/db';
import { startService, type RunningService, type ServiceDeclaration } from '../src/host';
import { createShutdown } from '../src/lifecycle';
import { perOperation, publicAccess, rolesMay } from '../src/policy';
import { createLogger } from '../src/logging';
import { commitEvents, createBusTestDatabase, testEvent, waitFor, type BusTestDatabase } from './bus-test-harness';

interface Greeter {
  greeting: string;
  ticks: number;
}

describe('service host', () => {
  let db: BusTestDatabase;
  let nats: NatsServer;
  let running: RunningService<Greeter> | undefined;
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    'hosttest',
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    }),
  );

  const declaration = (): ServiceDeclaration<Greeter, { greeting: string }> => ({
    name: 'hosttest',
    database: { url: db.url, dataSource: (url) => createDataSource({ url, entities: [], migrations: [] }) },
    nats: { url: nats.url },
    // Never reached: the requests below carry no token, which is refused before any key is fetched.
    auth: { issuer: 'http://127.0.0.1:9/realms/none', audience: 'crm-gateway' },
    httpPort: 0,
    policy: {
      graphql: { 'Query.greeting': rolesMay('sales-rep'), 'Query._service': rolesMay('sales-rep') },
      grpc: {},
      http: {
        'GET /healthz': publicAccess,
        'GET /readyz': publicAccess,
        'GET /greeting': publicAccess,
        'POST /graphql': perOperation,
      },
    },
    streams: [
      { name: 'TEST', subjects: ['crm.test.>'] },
      { name: 'AUDIT', subjects: ['crm.audit.>'], appendOnly: true },
    ],
    services: () => ({ greeting: 'hello', ticks: 0 }),
    subgraph: {
      typeDefs: parse('type Query { greeting: String }'),
      resolvers: { Query: { greeting: (_: unknown, __: unknown, ctx: { greeting: string }) => ctx.greeting } },
      context: (services) => ({ greeting: services.greeting }),
    },
    routes: (services) => [Router().get('/greeting', (_req, res) => void res.json({ greeting: services.greeting }))],
    jobs: (services) => [
      {
        name: 'tick',
        intervalMs: 60_000,
        runAtStart: true,
        run: async () => ({ ticks: ++services.ticks }),
      },
    ],
  });

  beforeAll(async () => {
    db = await createBusTestDatabase('service_host');
    nats = await startNats();
  });
  afterAll(async () => {
    await running?.close().catch(() => undefined);
    await nats?.stop();
    await db?.drop();
  });

  it('starts what the service declares, and stops it in the lifecycle phases without losing an event', async () => {
    running = await startService(declaration(), logger);
    const base = `http://127.0.0.1:${running.httpPort}`;

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(Object.keys(((await ready.json()) as { checks: object }).checks).sort()).toEqual([
      'consumers',
      'database',
      'nats',
      'outbox',
    ]);
    expect(await (await fetch(`${base}/greeting`)).json()).toEqual({ greeting: 'hello' });
    // A route the policy table does not name is refused before it runs.
    expect((await fetch(`${base}/greeting`, { method: 'DELETE' })).status).toBe(403);
    const anonymous = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ greeting }' }),
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const streams = (await running.bus.jsm.streams.names().next()).sort();
    expect(streams).toEqual(['AUDIT', 'DLQ', 'TEST']);
    const service = running;
    await waitFor(() => service.services.ticks === 1, 5_000, 'the job run at start');
    expect(lines.find((l) => l.msg === 'job finished')).toMatchObject({ job: 'tick', result: { ticks: 1 } });

    // Written just before SIGTERM: the flush phase publishes it before the connections close.
    const event = testEvent();
    await commitEvents(running.dataSource, [event]);
    const exited: number[] = [];
    const shutdown = createShutdown({ logger, readiness: running.health, exit: (code) => exited.push(code) });
    running.registerShutdown(shutdown);
    expect(await shutdown.shutdown('test')).toBe(0);
    expect(exited).toEqual([0]);
    const phases = lines.filter((l) => l.msg === 'shutdown phase started').map((l) => l.phase);
    expect(phases).toEqual(['stop-accepting', 'flush', 'close']);
    expect(running.dataSource.isInitialized).toBe(false);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();

    const reader = createDataSource({ url: db.url, entities: [], migrations: [] });
    await reader.initialize();
    const [row]: { published: boolean }[] = await reader.query(
      'SELECT published_at IS NOT NULL AS published FROM outbox_events WHERE id = $1',
      [event.id],
    );
    await reader.destroy();
    expect(row.published).toBe(true);
    running = undefined;
  });
});
