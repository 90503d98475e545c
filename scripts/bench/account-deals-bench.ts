// Account with its opportunities through the gateway: a page of 50 of the rep's accounts with each account's deals
// (Account.opportunities, joined from the sales subgraph) against the same page without them (the baseline, customer
// subgraph only), both through the gateway in this run, alternating request by request. Customer service, sales
// service and gateway run as child processes; the deals are written straight into the sales database.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { freePort } from '@crm/testing';
import { salesDataSource } from '../../services/sales-pipeline/src/db/data-source';
import { benchRep } from './bench-accounts';
import type { CleanupStack } from './bench-cleanup';
import { startBenchIssuer } from './bench-issuer';
import { createMigratedDatabase } from './bench-postgres';
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

export interface AccountDealsBenchOptions {
  serverUrl: string;
  /** The customer database of the search benchmark, and the accounts its bench rep owns there. */
  customerDatabaseUrl: string;
  repAccountIds: string[];
  requests: number;
  cleanup: CleanupStack;
}

export interface AccountDealsBenchResult {
  requests: number;
  warmUp: number;
  accountsPerPage: number;
  dealsPerAccount: number;
  baseline: LatencySummary;
  withDeals: LatencySummary;
  ratioP50: number;
  ratioP95: number;
  addedMsP50: number;
  errors: number;
}

const DEALS_PER_ACCOUNT = 4;
const baselineQuery = `query($owner: [ID!]) {
  accounts(first: 50, filter: { ownerIds: $owner }) { edges { node { id name grade } } }
}`;
const joinedQuery = `query($owner: [ID!]) {
  accounts(first: 50, filter: { ownerIds: $owner }) {
    edges { node { id name grade
      opportunities(first: 5) { totalCount edges { node { id name amount { amount currencyCode } probability } } }
    } }
  }
}`;

interface Page {
  accounts?: { edges: { node: { id: string; opportunities?: { totalCount: number } } }[] };
}

/** A pipeline and DEALS_PER_ACCOUNT open deals per account of the rep, with the account facts the events would bring. */
async function loadDeals(url: string, accountIds: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO pipelines (id, name, business_line, is_default, created_by, created_at, updated_by,
        updated_at)
      VALUES ('00000000-0000-4000-8000-00000000b001', 'Enterprise software', 'Software', true, 'bench', now(), 'bench',
        now())`);
    await client.query(`INSERT INTO pipeline_stages (id, pipeline_id, name, position, kind, probability, forecast_category)
      SELECT ('00000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid, '00000000-0000-4000-8000-00000000b001',
             'Stage ' || n, n, CASE n WHEN 5 THEN 'won' WHEN 6 THEN 'lost' ELSE 'open' END,
             CASE n WHEN 5 THEN 100 WHEN 6 THEN 0 ELSE n * 20 END,
             CASE n WHEN 5 THEN 'closed' WHEN 6 THEN 'omitted' ELSE 'pipeline' END
        FROM generate_series(1, 6) AS n`);
    await client.query(
      `INSERT INTO account_facts (account_id, owner_id, team_id, updated_at) SELECT a, $2, $3, now() FROM unnest($1::uuid[]) AS a`,
      [accountIds, benchRep.id, benchRep.teams[0]],
    );
    await client.query(
      `INSERT INTO opportunities (id, name, account_id, owner_id, team_id, pipeline_id, stage_id, status, amount, currency,
         probability, stage_entered_at, created_by, created_at, updated_by, updated_at)
       SELECT gen_random_uuid(), 'Deal ' || d || ' of ' || a, a, $2::uuid, $3, '00000000-0000-4000-8000-00000000b001',
              ('00000000-0000-4000-8000-0000000000' || lpad((1 + d % 4)::text, 2, '0'))::uuid, 'open',
              (10000 + d * 2500)::numeric, CASE WHEN d % 2 = 0 THEN 'CNY' ELSE 'USD' END, (1 + d % 4) * 20,
              now(), $2::text, now() - d * interval '1 day', $2::text, now()
         FROM unnest($1::uuid[]) AS a, generate_series(1, $4) AS d`,
      [accountIds, benchRep.id, benchRep.teams[0], DEALS_PER_ACCOUNT],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function roundTrip(url: string, query: string, token: string, joined: boolean): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { owner: [benchRep.id] } }),
  });
  const body = (await response.json()) as { data?: Page; errors?: unknown[] };
  const ms = performance.now() - started;
  const edges = body.data?.accounts?.edges ?? [];
  const complete = joined ? edges.every((e) => e.node.opportunities?.totalCount === DEALS_PER_ACCOUNT) : true;
  if (response.status !== 200 || body.errors || !edges.length || !complete) {
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return ms;
}

export async function runAccountDealsBench(options: AccountDealsBenchOptions): Promise<AccountDealsBenchResult> {
  const { cleanup } = options;
  if (!options.repAccountIds.length) throw new Error('the bench rep owns no account');
  const sales = await createMigratedDatabase(options.serverUrl, 'bench_sales', salesDataSource);
  cleanup.add('sales database', sales.drop);
  progress(
    `account deals: ${DEALS_PER_ACCOUNT} deals on each of ${formatCount(options.repAccountIds.length)} accounts`,
  );
  await loadDeals(sales.url, options.repAccountIds);

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
  const [customerGrpc, customerHttp, salesGrpc, salesHttp, gatewayPort] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );

  progress('account deals: starting the customer and sales services and the gateway');
  const customer = startChild(
    'customer service',
    process.execPath,
    ['--import', 'tsx', join('services', 'customer', 'src', 'main.ts')],
    {
      CUSTOMER_DATABASE_URL: options.customerDatabaseUrl,
      NATS_URL: natsUrl,
      CUSTOMER_GRPC_PORT: String(customerGrpc),
      CUSTOMER_HTTP_PORT: String(customerHttp),
      ...auth,
    },
    cleanup,
  );
  const salesService = startChild(
    'sales service',
    process.execPath,
    ['--import', 'tsx', join('services', 'sales-pipeline', 'src', 'main.ts')],
    {
      SALES_DATABASE_URL: sales.url,
      NATS_URL: natsUrl,
      SALES_GRPC_PORT: String(salesGrpc),
      SALES_HTTP_PORT: String(salesHttp),
      CUSTOMER_GRPC_ADDRESS: `127.0.0.1:${customerGrpc}`,
      ...auth,
    },
    cleanup,
  );
  await waitReady(`http://127.0.0.1:${customerHttp}/readyz`, 'customer service', customer);
  await waitReady(`http://127.0.0.1:${salesHttp}/readyz`, 'sales service', salesService);
  const gateway = startChild(
    'gateway',
    process.execPath,
    ['--import', 'tsx', join('gateway', 'src', 'main.ts')],
    {
      GATEWAY_PORT: String(gatewayPort),
      CUSTOMER_SUBGRAPH_URL: `http://127.0.0.1:${customerHttp}/graphql`,
      SALES_SUBGRAPH_URL: `http://127.0.0.1:${salesHttp}/graphql`,
      ...auth,
    },
    cleanup,
  );
  await waitReady(`http://127.0.0.1:${gatewayPort}/healthz`, 'gateway', gateway);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

  const warmUp = Math.min(100, options.requests);
  let errors = 0;
  const baseline: number[] = [];
  const withDeals: number[] = [];
  const run = async (count: number, record: boolean) => {
    for (let i = 0; i < count; i++) {
      // Alternate which query goes first, so neither gains from the other warming a cache.
      const order = i % 2 === 0 ? ([false, true] as const) : ([true, false] as const);
      for (const joined of order) {
        try {
          const ms = await roundTrip(gatewayUrl, joined ? joinedQuery : baselineQuery, token, joined);
          if (record) (joined ? withDeals : baseline).push(ms);
        } catch (error) {
          errors += 1;
          if (errors > Math.max(10, count / 100)) throw error;
        }
      }
    }
  };
  progress(`account deals: ${warmUp} warm-up pairs, then ${formatCount(options.requests)} timed pairs`);
  await run(warmUp, false);
  await run(options.requests, true);

  const b = summarize(baseline);
  const j = summarize(withDeals);
  return {
    requests: options.requests,
    warmUp,
    accountsPerPage: Math.min(50, options.repAccountIds.length),
    dealsPerAccount: DEALS_PER_ACCOUNT,
    baseline: b,
    withDeals: j,
    ratioP50: ratio(j.p50Ms, b.p50Ms),
    ratioP95: ratio(j.p95Ms, b.p95Ms),
    addedMsP50: round(j.p50Ms - b.p50Ms),
    errors,
  };
}

export function formatAccountDealsReport(r: AccountDealsBenchResult): string {
  const row = (name: string, s: LatencySummary, vs: string) => [
    name,
    formatMs(s.p50Ms),
    formatMs(s.p95Ms),
    formatMs(s.p99Ms),
    formatMs(s.meanMs),
    vs,
  ];
  return [
    `4. Account with its opportunities through the gateway: a page of ${r.accountsPerPage} accounts, ${formatCount(r.requests)} sequential requests per query after ${r.warmUp} warm-up pairs`,
    '',
    renderTable(
      ['query', 'p50', 'p95', 'p99', 'mean', 'p50 ratio'],
      [
        row('accounts only (baseline)', r.baseline, formatRatio(1)),
        row(`with opportunities(first: 5) (${r.dealsPerAccount} each)`, r.withDeals, formatRatio(r.ratioP50)),
      ],
    ),
    '',
    `   the join costs ${formatRatio(r.ratioP50)} at p50 (+${formatMs(r.addedMsP50)}), ${formatRatio(r.ratioP95)} at p95; ${r.errors} failed requests`,
    '   caller: a sales rep reading a page of the accounts they own (filter ownerIds), one sales subgraph call per page',
  ].join('\n');
}
