import { describeWithKeycloak } from '@crm/testing';
import { scrapeGatewayAfterTraffic } from './gateway-fixture';
import type { Scrape } from './prometheus-text';

function count(scrape: Scrape, labels: Record<string, string>): number | undefined {
  return (scrape.get('graphql_server_request_duration') ?? []).find(
    (s) =>
      s.series === 'graphql_server_request_duration_count' &&
      Object.entries(labels).every(([name, value]) => s.labels[name] === value),
  )?.value;
}

// Starts the real gateway process (telemetry preloaded, a stub customer subgraph, the others down): about 5 s.
describeWithKeycloak("the gateway's /metrics after GraphQL traffic", () => {
  let scrape: Scrape;
  let body: string;
  beforeAll(async () => {
    ({ scrape, body } = await scrapeGatewayAfterTraffic());
  }, 60_000);

  it('times each operation by name and type, with ok or the first error code as its outcome', () => {
    const query = { service_name: 'gateway', graphql_operation_type: 'query' };
    expect(count(scrape, { ...query, graphql_operation_name: 'AccountForMetrics', crm_outcome: 'ok' })).toBe(1);
    // A subgraph's error code passes through; a subgraph the gateway cannot reach is the gateway's own failure.
    expect(count(scrape, { ...query, graphql_operation_name: 'ForeignAccount', crm_outcome: 'FORBIDDEN' })).toBe(1);
    expect(
      count(scrape, { ...query, graphql_operation_name: 'PipelinesForMetrics', crm_outcome: 'INTERNAL_SERVER_ERROR' }),
    ).toBe(1);
    expect(
      count(scrape, { ...query, graphql_operation_name: 'NoSuchField', crm_outcome: 'GRAPHQL_VALIDATION_FAILED' }),
    ).toBe(1);
    expect(count(scrape, { ...query, graphql_operation_name: 'anonymous', crm_outcome: 'ok' })).toBe(1);
    expect(body).toContain('# UNIT graphql_server_request_duration s');
  });

  it('labels a document that does not parse invalid, never with the text the client sent', () => {
    expect(
      count(scrape, {
        graphql_operation_name: 'invalid',
        graphql_operation_type: 'invalid',
        crm_outcome: 'GRAPHQL_PARSE_FAILED',
      }),
    ).toBe(1);
    expect(body).not.toContain('Broken');
  });

  it('records no operation for a request the JWT check refused, which the HTTP metric counts as a 401', () => {
    const account = (scrape.get('graphql_server_request_duration') ?? []).filter(
      (s) => s.series.endsWith('_count') && s.labels.graphql_operation_name === 'AccountForMetrics',
    );
    expect(account.map((s) => s.value)).toEqual([1]);
    expect(
      (scrape.get('http_server_request_duration') ?? []).some(
        (s) => s.series.endsWith('_count') && s.labels.http_response_status_code === '401',
      ),
    ).toBe(true);
  });
});
