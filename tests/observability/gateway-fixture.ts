import { join } from 'node:path';
import { eventually, freePort, keycloakIssuer, passwordToken, repoRoot } from '@crm/testing';
import { FOREIGN_ACCOUNT_ID, startCustomerSubgraphStub } from './customer-subgraph-stub';
import type { Scrape } from './prometheus-text';
import { scrapeUntilEvery, spawnWithTelemetry, type TelemetryProcess } from './telemetry-process';

const gatewayMain = join(repoRoot, 'gateway/src/main.ts');

/** The gateway's metric families its traffic must produce (exporter naming, as in metrics-fixture.ts). */
export const GATEWAY_METRICS = [
  'http_server_request_duration',
  'graphql_server_request_duration',
  'nodejs_eventloop_delay_p99',
  'nodejs_eventloop_delay_max',
] as const;

/** The operations the fixture sends, by what the gateway answers them. */
export const GATEWAY_OPERATIONS = {
  /** Through the customer subgraph (a stub): ok. */
  succeeding: 'query AccountForMetrics { account(id: "00000000-0000-4000-8000-000000000001") { id } }',
  /** The customer subgraph refuses it: its FORBIDDEN passes through the gateway. */
  refused: `query ForeignAccount { account(id: "${FOREIGN_ACCOUNT_ID}") { id } }`,
  /** Needs the sales subgraph, which is not running: INTERNAL_SERVER_ERROR in a 200 response. */
  failing: 'query PipelinesForMetrics { pipelines { totalCount } }',
  /** Answered by the gateway alone, without a name: `anonymous`. */
  anonymous: '{ __typename }',
  /** Fails validation: GRAPHQL_VALIDATION_FAILED, still named after the parsed document. */
  invalidField: 'query NoSuchField { noSuchField }',
  /** Does not parse: name and type `invalid`. */
  unparsable: 'query Broken {',
} as const;

async function postGraphql(url: string, query: string, token?: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
}

/**
 * Starts the real gateway (gateway/src/main.ts, the committed supergraph, telemetry preloaded, METRICS_PORT set) as a
 * process, with the run's Keycloak for its JWT check, a stub customer subgraph and the others not running, sends it GATEWAY_OPERATIONS and one request
 * without a token, then returns its /metrics once every GATEWAY_METRICS family is there. About 5 s on a quiet machine.
 */
export async function scrapeGatewayAfterTraffic(): Promise<{ scrape: Scrape; body: string }> {
  const issuer = keycloakIssuer(); // the run's real Keycloak: the gateway checks real tokens
  const [gatewayPort, metricsPort, closedPort] = [await freePort(), await freePort(), await freePort()];
  const unreachable = `http://127.0.0.1:${closedPort}/graphql`;
  const customer = await startCustomerSubgraphStub();
  let gateway: TelemetryProcess | undefined;
  try {
    gateway = spawnWithTelemetry(gatewayMain, {
      OTEL_SERVICE_NAME: 'gateway',
      LOG_LEVEL: 'warn',
      METRICS_PORT: String(metricsPort),
      GATEWAY_PORT: String(gatewayPort),
      KEYCLOAK_ISSUER: issuer,
      AUTH_ALLOW_DEVELOPMENT_CLIENTS: 'true', // tokens by password grant through the test-only crm-test client
      CUSTOMER_SUBGRAPH_URL: customer.url,
      SALES_SUBGRAPH_URL: unreachable,
      TICKET_SUBGRAPH_URL: unreachable,
    });
    const { child } = gateway;
    child.stdout?.resume(); // its request log lines: read and dropped, so a full pipe never blocks it
    const url = `http://127.0.0.1:${gatewayPort}`;
    await eventually(
      () =>
        fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      (ok) => ok || child.exitCode !== null,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}): ${gateway.stderr()}`);

    const token = (await passwordToken('rep.east1')).accessToken;
    const { succeeding, ...others } = GATEWAY_OPERATIONS;
    const answer = (await (await postGraphql(url, succeeding, token)).json()) as unknown;
    expect(answer).toEqual({ data: { account: { id: '00000000-0000-4000-8000-000000000001' } } });
    for (const query of Object.values(others)) expect((await postGraphql(url, query, token)).status).toBeLessThan(500);
    expect((await postGraphql(url, GATEWAY_OPERATIONS.succeeding)).status).toBe(401);
    return await scrapeUntilEvery(metricsPort, GATEWAY_METRICS, gateway);
  } finally {
    await gateway?.stop();
    await customer.stop();
  }
}
