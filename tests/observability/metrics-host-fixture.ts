// A service host in its own process with telemetry preloaded, as deployed: the instrumentations hook require(), which
// jest replaces. Serves an HTTP route, a gRPC method, a consumer (which dead-letters POISON_EVENT_TYPE) and a job.
import { status } from '@grpc/grpc-js';
import { createDataSource } from '@crm/platform/db';
import { anonymous, GrpcStatusError } from '@crm/platform/grpc';
import { startService, type ServiceDeclaration } from '@crm/platform/host';
import { createLogger } from '@crm/platform/logging';
import { publicAccess } from '@crm/platform/policy';
import { Router } from 'express';
import { echoServiceDefinition, MISSING_TEXT, POISON_EVENT_TYPE } from './echo-service';

interface FixtureServices {
  ticks: number;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.FIXTURE_DATABASE_URL;
  const natsUrl = process.env.FIXTURE_NATS_URL;
  if (!databaseUrl || !natsUrl) throw new Error('FIXTURE_DATABASE_URL and FIXTURE_NATS_URL are required');
  const logger = createLogger('metrics-fixture', { level: process.env.LOG_LEVEL ?? 'silent' });
  const declaration: ServiceDeclaration<FixtureServices, object> = {
    name: 'metrics-fixture',
    database: { url: databaseUrl, dataSource: (url) => createDataSource({ url, entities: [], migrations: [] }) },
    nats: { url: natsUrl },
    // Never reached: every operation here is public.
    auth: { issuer: 'http://127.0.0.1:9/realms/none', audience: 'crm-gateway' },
    httpPort: 0,
    policy: {
      graphql: {},
      grpc: { echo: publicAccess },
      http: { 'GET /healthz': publicAccess, 'GET /readyz': publicAccess, 'GET /orders/:id': publicAccess },
    },
    streams: [{ name: 'FIXTURE', subjects: ['crm.fixture.>'] }],
    services: () => ({ ticks: 0 }),
    consumers: () => [
      {
        stream: 'FIXTURE',
        durable: 'metrics-fixture-orders',
        filterSubjects: ['crm.fixture.>'],
        maxDeliver: 2,
        retryDelayMs: 50,
        handler: async (event) => {
          if (event.type === POISON_EVENT_TYPE) throw new Error('the fixture refuses poison');
        },
      },
    ],
    grpc: {
      port: 0,
      service: {
        // The public echo needs no token: the host's verifier would refuse a call without one.
        implement(server, _services, _authenticate, policy) {
          server.implement(
            echoServiceDefinition,
            {
              echo: async (request) => {
                if (request.text === MISSING_TEXT) throw new GrpcStatusError(status.NOT_FOUND, 'no such text');
                return request;
              },
            },
            { authenticate: anonymous, policy },
          );
        },
      },
    },
    routes: () => [Router().get('/orders/:id', (req, res) => void res.json({ id: req.params.id }))],
    jobs: (services) => [
      { name: 'tick', intervalMs: 60_000, runAtStart: true, run: async () => ({ ticks: ++services.ticks }) },
    ],
  };
  const running = await startService(declaration, logger);
  process.stdout.write(`READY ${JSON.stringify({ httpPort: running.httpPort, grpcPort: running.grpcPort })}\n`);
  process.once('SIGTERM', () => {
    void running
      .stopAccepting()
      .then(() => running.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`metrics fixture failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
