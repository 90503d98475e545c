import { join } from 'node:path';
import { credentials, makeGenericClientConstructor, type ServiceError } from '@grpc/grpc-js';
import { appendToOutbox, busMigrationSql, outboxDeliverySql, type OutboxEvent } from '@crm/platform/bus';
import { createDataSource } from '@crm/platform/db';
import { createTestDatabase, freePort, startNats } from '@crm/testing';
import { echoServiceDefinition, MISSING_TEXT, POISON_EVENT_TYPE, type EchoMessage } from './echo-service';
import type { Scrape } from './prometheus-text';
import { scrapeUntilEvery, spawnWithTelemetry, type TelemetryProcess } from './telemetry-process';

const fixtureScript = join(__dirname, 'metrics-host-fixture.ts');

/**
 * The metric families the fixture's traffic must produce, as the installed exporter (0.301) names them: OpenTelemetry
 * names with dots as underscores and `_total` on counters, but no unit suffix (the unit is in a `# UNIT` line).
 */
export const TRAFFIC_METRICS = [
  'http_server_request_duration',
  'rpc_server_duration',
  'messaging_client_consumed_messages_total',
  'messaging_process_duration',
  'crm_messaging_redeliveries_total',
  'crm_messaging_dead_letters_total',
  'crm_messaging_consumer_lag',
  'crm_messaging_consumer_ack_pending',
  'crm_job_runs_total',
  'crm_job_duration',
  'crm_job_lag',
  'crm_outbox_pending',
  'crm_outbox_parked',
  'crm_outbox_oldest_pending_age',
  'crm_readiness_degraded',
  'db_client_connection_count',
  'db_client_connection_max',
  'db_client_connection_pending_requests',
  'db_client_operation_duration',
  'nodejs_eventloop_delay_p99',
  'nodejs_eventloop_delay_max',
] as const;

function event(eventType: string): OutboxEvent {
  const id = crypto.randomUUID();
  return {
    id,
    subject: 'crm.fixture.order.placed',
    aggregateType: 'Order',
    aggregateId: crypto.randomUUID(),
    eventType,
    payload: new TextEncoder().encode(id),
  };
}

function callEcho(address: string, text: string): Promise<EchoMessage | ServiceError> {
  const Client = makeGenericClientConstructor(echoServiceDefinition, 'EchoService');
  const client = new Client(address, credentials.createInsecure());
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      echoServiceDefinition.echo.path,
      echoServiceDefinition.echo.requestSerialize,
      echoServiceDefinition.echo.responseDeserialize,
      { text },
      (error, response) => {
        client.close();
        resolve(error ?? response ?? { text: '' });
      },
    );
  });
}

function waitForReady({ child, stderr }: TelemetryProcess): Promise<{ httpPort: number; grpcPort: number }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('READY '));
      if (line) resolve(JSON.parse(line.slice('READY '.length)) as { httpPort: number; grpcPort: number });
    });
    child.once('exit', (code) =>
      reject(new Error(`metrics fixture exited (${code}) before it was ready: ${stderr()}`)),
    );
  });
}

/**
 * Starts the fixture host (own database and NATS) with telemetry preloaded and METRICS_PORT set, sends it an HTTP
 * request per route, a gRPC call that succeeds and one that fails, an event it applies and one it dead-letters, lets its
 * job run at start and its readiness read the outbox, then returns its /metrics once every TRAFFIC_METRICS family is there.
 */
export async function scrapeFixtureAfterTraffic(): Promise<{ scrape: Scrape; body: string }> {
  const database = await createTestDatabase('metrics_fixture');
  const nats = await startNats();
  const metricsPort = await freePort();
  const setup = createDataSource({ url: database.url, entities: [], migrations: [], poolSize: 1 });
  let host: TelemetryProcess | undefined;
  try {
    await setup.initialize();
    for (const sql of [...busMigrationSql.up, ...outboxDeliverySql.up]) await setup.query(sql);
    host = spawnWithTelemetry(fixtureScript, {
      OTEL_SERVICE_NAME: 'metrics-fixture',
      METRICS_PORT: String(metricsPort),
      FIXTURE_DATABASE_URL: database.url,
      FIXTURE_NATS_URL: nats.url,
    });
    const { httpPort, grpcPort } = await waitForReady(host);
    const base = `http://127.0.0.1:${httpPort}`;

    for (const id of ['42', '43']) expect((await fetch(`${base}/orders/${id}`)).status).toBe(200);
    expect(await callEcho(`127.0.0.1:${grpcPort}`, 'hello')).toEqual({ text: 'hello' });
    expect(await callEcho(`127.0.0.1:${grpcPort}`, MISSING_TEXT)).toMatchObject({ details: 'no such text' });
    await setup.transaction(async (manager) => {
      await appendToOutbox(manager, event('crm.fixture.v1.OrderPlaced'));
      await appendToOutbox(manager, event(POISON_EVENT_TYPE));
    });

    // Readiness reads the outbox backlog, as the kubelet's probe does.
    return await scrapeUntilEvery(metricsPort, TRAFFIC_METRICS, host, () => fetch(`${base}/readyz`));
  } finally {
    await host?.stop();
    if (setup.isInitialized) await setup.destroy();
    await nats.stop();
    await database.drop();
  }
}
