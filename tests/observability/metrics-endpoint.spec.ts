import { scrapeFixtureAfterTraffic, TRAFFIC_METRICS } from './metrics-fixture';
import type { Sample, Scrape } from './prometheus-text';

function labelsOf(scrape: Scrape, family: string): Record<string, string>[] {
  return (scrape.get(family) ?? []).map((sample: Sample) => sample.labels);
}

function valueOf(scrape: Scrape, series: string, labels: Record<string, string>): number | undefined {
  return [...scrape.values()]
    .flat()
    .find((s) => s.series === series && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

const consumer = {
  messaging_system: 'nats',
  messaging_destination_name: 'FIXTURE',
  messaging_consumer_group_name: 'metrics-fixture-orders',
};

describe('the /metrics endpoint of a service host after traffic', () => {
  let scrape: Scrape;
  let body: string;
  beforeAll(async () => {
    ({ scrape, body } = await scrapeFixtureAfterTraffic());
  }, 90_000);

  it('serves every platform metric family, each series labelled with the service name', () => {
    expect(TRAFFIC_METRICS.filter((name) => !scrape.get(name)?.length)).toEqual([]);
    const unlabelled = TRAFFIC_METRICS.flatMap((name) => scrape.get(name) ?? []).filter(
      (sample) => sample.labels.service_name !== 'metrics-fixture',
    );
    expect(unlabelled).toEqual([]);
  });

  it('labels HTTP request durations with the route template, method and status, never the raw path', () => {
    expect(labelsOf(scrape, 'http_server_request_duration')).toContainEqual(
      expect.objectContaining({
        http_route: '/orders/:id',
        http_request_method: 'GET',
        http_response_status_code: '200',
      }),
    );
    expect(body).not.toContain('/orders/42');
  });

  it('labels gRPC call durations with service, method and status code, failed calls included', () => {
    const rpc = { rpc_system: 'grpc', rpc_service: 'crm.fixture.v1.EchoService', rpc_method: 'Echo' };
    expect(valueOf(scrape, 'rpc_server_duration_count', { ...rpc, rpc_grpc_status_code: '0' })).toBe(1);
    expect(valueOf(scrape, 'rpc_server_duration_count', { ...rpc, rpc_grpc_status_code: '5' })).toBe(1);
  });

  it('counts consumed events by outcome, the redelivery and the dead letter of the poison event', () => {
    expect(valueOf(scrape, 'messaging_client_consumed_messages_total', { ...consumer, crm_outcome: 'applied' })).toBe(
      1,
    );
    expect(valueOf(scrape, 'messaging_client_consumed_messages_total', { ...consumer, crm_outcome: 'retry' })).toBe(1);
    expect(valueOf(scrape, 'crm_messaging_redeliveries_total', consumer)).toBe(1);
    expect(valueOf(scrape, 'crm_messaging_dead_letters_total', consumer)).toBe(1);
    expect(valueOf(scrape, 'messaging_process_duration_count', consumer)).toBe(3);
    expect(valueOf(scrape, 'crm_messaging_consumer_lag', consumer)).toBeGreaterThanOrEqual(0);
    expect(valueOf(scrape, 'crm_messaging_consumer_ack_pending', consumer)).toBeGreaterThanOrEqual(0);
  });

  it('measures the job run, and how late it started', () => {
    expect(valueOf(scrape, 'crm_job_runs_total', { crm_job_name: 'tick', result: 'ok' })).toBe(1);
    expect(valueOf(scrape, 'crm_job_lag_count', { crm_job_name: 'tick' })).toBe(1);
  });

  it('reports the outbox backlog read by readiness', () => {
    expect(valueOf(scrape, 'crm_outbox_pending', {})).toBeGreaterThanOrEqual(0);
    expect(valueOf(scrape, 'crm_outbox_parked', {})).toBe(0);
    expect(valueOf(scrape, 'crm_outbox_oldest_pending_age', {})).toBeGreaterThanOrEqual(0);
  });

  it('reports the database pool: connections in use and idle, waiting requests, and its size', () => {
    const pools = labelsOf(scrape, 'db_client_connection_count');
    expect(pools.map((l) => l.db_client_connection_state)).toEqual(expect.arrayContaining(['used', 'idle']));
    // Named by server and database, so two pools of one process are told apart.
    expect(pools.map((l) => l.db_client_connection_pool_name)).toContainEqual(
      expect.stringMatching(/^127\.0\.0\.1:\d+\/metrics_fixture_\w+$/),
    );
    expect(valueOf(scrape, 'db_client_connection_max', {})).toBe(10);
    expect(valueOf(scrape, 'db_client_connection_pending_requests', {})).toBeGreaterThanOrEqual(0);
  });

  it('reports the event loop delay as p99 and max in seconds', () => {
    expect(valueOf(scrape, 'nodejs_eventloop_delay_p99', {})).toBeGreaterThan(0);
    expect(valueOf(scrape, 'nodejs_eventloop_delay_max', {})).toBeLessThan(5);
    expect(body).toContain('# UNIT nodejs_eventloop_delay_p99 s');
  });
});
