// Gateway round trip: `account(id)` through the federation gateway against the same query sent straight to the
// customer subgraph (the baseline), both measured in this run, alternating request by request. The customer service
// and the gateway run as child processes, as they are deployed; this process is only the client.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from '@crm/testing';
import { benchRep } from './bench-accounts';
import type { CleanupStack } from './bench-cleanup';
import { startBenchIssuer } from './bench-issuer';
import { startBenchNats, startChild, waitReady } from './bench-processes';
import {
  formatCount,
  formatMs,
  formatRatio,
  progress,
  ratio,
  renderTable,
  round,
  summarize,
  type LatencySummary,
} from './stats';

export interface GatewayBenchOptions {
  databaseUrl: string;
  /** Accounts the bench's sales rep owns: the rep reads them, as the portal does. */
  accountIds: string[];
  requests: number;
  cleanup: CleanupStack;
}

export interface GatewayBenchResult {
  requests: number;
  warmUp: number;
  caller: string;
  /** What the gateway's /readyz answered once the services were up (status and body). */
  gatewayReadiness: string;
  direct: LatencySummary;
  gateway: LatencySummary;
  /** Gateway p50 ÷ direct p50, and the same at p95. */
  overheadRatioP50: number;
  overheadRatioP95: number;
  addedMsP50: number;
  errors: number;
}

const query = 'query Account($id: ID!) { account(id: $id) { id name grade } }';

/** One `account(id)` request; returns its round-trip time, or throws when the answer is not that account. */
async function roundTrip(url: string, id: string, token: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { id } }),
  });
  const body = (await response.json()) as { data?: { account?: { id: string } | null }; errors?: unknown[] };
  const ms = performance.now() - started;
  if (response.status !== 200 || body.data?.account?.id !== id) {
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return ms;
}

export async function runGatewayBench(options: GatewayBenchOptions): Promise<GatewayBenchResult> {
  const { cleanup } = options;
  const [grpcPort, httpPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const natsUrl = await startBenchNats(cleanup);
  const realm = await startBenchIssuer();
  cleanup.add('token issuer', realm.stop);
  const auth = { KEYCLOAK_ISSUER: realm.issuer, JWT_AUDIENCE: realm.audience };
  const token = await realm.token({
    subject: benchRep.id,
    roles: ['sales-rep'],
    groups: benchRep.teams.map((t) => `/teams/${t}`),
    username: 'bench.rep',
  });

  progress('gateway: starting the customer service and the gateway');
  const customer = startChild(
    'customer service',
    process.execPath,
    ['--import', 'tsx', join('services', 'customer', 'src', 'main.ts')],
    {
      CUSTOMER_DATABASE_URL: options.databaseUrl,
      NATS_URL: natsUrl,
      CUSTOMER_GRPC_PORT: String(grpcPort),
      CUSTOMER_HTTP_PORT: String(httpPort),
      ...auth,
    },
    cleanup,
  );
  await waitReady(`http://127.0.0.1:${httpPort}/readyz`, 'customer service', customer);
  const subgraphUrl = `http://127.0.0.1:${httpPort}/graphql`;
  const gateway = startChild(
    'gateway',
    process.execPath,
    ['--import', 'tsx', join('gateway', 'src', 'main.ts')],
    { GATEWAY_PORT: String(gatewayPort), CUSTOMER_SUBGRAPH_URL: subgraphUrl, ...auth },
    cleanup,
  );
  // Liveness, not readiness: the requests below prove the path works; /readyz is reported as found.
  await waitReady(`http://127.0.0.1:${gatewayPort}/healthz`, 'gateway', gateway);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const readyz = await fetch(`http://127.0.0.1:${gatewayPort}/readyz`);
  const gatewayReadiness = `${readyz.status} ${(await readyz.text()).slice(0, 300)}`;

  const ids = options.accountIds;
  if (!ids.length) throw new Error('no account ids to query');
  const warmUp = Math.min(300, options.requests);
  let errors = 0;
  const direct: number[] = [];
  const viaGateway: number[] = [];
  const run = async (count: number, record: boolean) => {
    for (let i = 0; i < count; i++) {
      const id = ids[i % ids.length];
      // Alternate which path goes first, so neither gains from the other warming a cache or the connection.
      const order = i % 2 === 0 ? (['direct', 'gateway'] as const) : (['gateway', 'direct'] as const);
      for (const path of order) {
        try {
          const ms = await roundTrip(path === 'direct' ? subgraphUrl : gatewayUrl, id, token);
          if (record) (path === 'direct' ? direct : viaGateway).push(ms);
        } catch (error) {
          errors += 1;
          if (errors > Math.max(10, count / 100)) throw error;
        }
      }
    }
  };
  progress(`gateway: ${warmUp} warm-up pairs, then ${formatCount(options.requests)} timed pairs`);
  await run(warmUp, false);
  await run(options.requests, true);

  const d = summarize(direct);
  const g = summarize(viaGateway);
  return {
    requests: options.requests,
    warmUp,
    gatewayReadiness,
    caller: 'a sales rep (RS256 token verified by the gateway and again by the subgraph) reading accounts they own',
    direct: d,
    gateway: g,
    overheadRatioP50: ratio(g.p50Ms, d.p50Ms),
    overheadRatioP95: ratio(g.p95Ms, d.p95Ms),
    addedMsP50: round(g.p50Ms - d.p50Ms),
    errors,
  };
}

export function formatGatewayReport(r: GatewayBenchResult): string {
  const row = (name: string, s: LatencySummary, vs: string) => [
    name,
    formatMs(s.p50Ms),
    formatMs(s.p95Ms),
    formatMs(s.p99Ms),
    formatMs(s.meanMs),
    vs,
  ];
  return [
    `3. Gateway round trip: query account(id) { id name grade }, ${formatCount(r.requests)} sequential requests per path after ${r.warmUp} warm-up pairs`,
    '',
    renderTable(
      ['path', 'p50', 'p95', 'p99', 'mean', 'p50 ratio'],
      [
        row('customer subgraph direct (baseline)', r.direct, formatRatio(1)),
        row('through the gateway', r.gateway, formatRatio(r.overheadRatioP50)),
      ],
    ),
    '',
    `   gateway overhead: ${formatRatio(r.overheadRatioP50)} at p50 (+${formatMs(r.addedMsP50)}), ${formatRatio(r.overheadRatioP95)} at p95; ${r.errors} failed requests`,
    `   caller: ${r.caller}; accounts from the search benchmark's table`,
    '   HTTP keep-alive client (fetch) in this process; customer service and gateway as child processes',
    ...(r.gatewayReadiness.startsWith('200') ? [] : [`   NOTE: the gateway's /readyz answered ${r.gatewayReadiness}`]),
  ].join('\n');
}
