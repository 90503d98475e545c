// Gateway round trip: `account(id)` through the federation gateway against the same query sent straight to the
// customer subgraph (the baseline), both measured in this run, alternating request by request. The customer service
// and the gateway run as child processes, as they are deployed; this process is only the client.
import { freePort } from '@crm/testing';
import type { CleanupStack } from './bench-cleanup';
import { startBenchCustomerService, startBenchNats, startNodeProcess } from './bench-processes';
import { benchRepCaller, latencyRow, timePairs, timedGraphql } from './paired-requests';
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
  const { ms, status, body } = await timedGraphql<{ account?: { id: string } | null }>(url, query, { id }, token);
  if (status !== 200 || body.data?.account?.id !== id) {
    throw new Error(`${url} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return ms;
}

export async function runGatewayBench(options: GatewayBenchOptions): Promise<GatewayBenchResult> {
  const { cleanup } = options;
  const gatewayPort = await freePort();
  const natsUrl = await startBenchNats(cleanup);
  const { auth, token } = await benchRepCaller(cleanup);

  progress('gateway: starting the customer service and the gateway');
  const { subgraphUrl } = await startBenchCustomerService(options.databaseUrl, natsUrl, auth, cleanup);
  // Liveness, not readiness: the requests below prove the path works; /readyz is reported as found.
  await startNodeProcess(
    'gateway',
    'gateway/src/main.ts',
    { GATEWAY_PORT: String(gatewayPort), CUSTOMER_SUBGRAPH_URL: subgraphUrl, ...auth },
    `http://127.0.0.1:${gatewayPort}/healthz`,
    cleanup,
  );
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const readyz = await fetch(`http://127.0.0.1:${gatewayPort}/readyz`);
  const gatewayReadiness = `${readyz.status} ${(await readyz.text()).slice(0, 300)}`;

  const ids = options.accountIds;
  if (!ids.length) throw new Error('no account ids to query');
  const warmUp = Math.min(300, options.requests);
  progress(`gateway: ${warmUp} warm-up pairs, then ${formatCount(options.requests)} timed pairs`);
  const timings = await timePairs(options.requests, warmUp, (viaGateway, i) =>
    roundTrip(viaGateway ? gatewayUrl : subgraphUrl, ids[i % ids.length]!, token),
  );

  const d = summarize(timings.baseline);
  const g = summarize(timings.measured);
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
    errors: timings.errors,
  };
}

export function formatGatewayReport(r: GatewayBenchResult): string {
  const row = latencyRow;
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
