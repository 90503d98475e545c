// Account with its opportunities through the gateway: a page of 50 of the rep's accounts with each account's deals
// (Account.opportunities, joined from the sales subgraph) against the same page without them (the baseline, customer
// subgraph only), both through the gateway in this run, alternating request by request. Customer service, sales
// service and gateway run as child processes; the deals are written straight into the sales database.
import { Client } from 'pg';
import { freePort } from '@crm/testing';
import { salesDataSource } from '../../services/sales-pipeline/src/db/data-source';
import { benchRep } from './bench-accounts';
import type { CleanupStack } from './bench-cleanup';
import { createMigratedDatabase } from './bench-postgres';
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

const owner = { owner: [benchRep.id] };

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

/** One page request; returns its round-trip time, or throws unless every account came with all its deals. */
async function roundTrip(url: string, token: string, joined: boolean): Promise<number> {
  const { ms, status, body } = await timedGraphql<Page>(url, joined ? joinedQuery : baselineQuery, owner, token);
  const edges = body.data?.accounts?.edges ?? [];
  const complete = !joined || edges.every((e) => e.node.opportunities?.totalCount === DEALS_PER_ACCOUNT);
  if (status !== 200 || body.errors || !edges.length || !complete) {
    throw new Error(`${url} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
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
  const { auth, token } = await benchRepCaller(cleanup);
  const [salesGrpc, salesHttp, gatewayPort] = [await freePort(), await freePort(), await freePort()];

  progress('account deals: starting the customer and sales services and the gateway');
  const customer = await startBenchCustomerService(options.customerDatabaseUrl, natsUrl, auth, cleanup);
  await startNodeProcess(
    'sales service',
    'services/sales-pipeline/src/main.ts',
    {
      SALES_DATABASE_URL: sales.url,
      NATS_URL: natsUrl,
      SALES_GRPC_PORT: String(salesGrpc),
      SALES_HTTP_PORT: String(salesHttp),
      CUSTOMER_GRPC_ADDRESS: customer.grpcAddress,
      ...auth,
    },
    `http://127.0.0.1:${salesHttp}/readyz`,
    cleanup,
  );
  await startNodeProcess(
    'gateway',
    'gateway/src/main.ts',
    {
      GATEWAY_PORT: String(gatewayPort),
      CUSTOMER_SUBGRAPH_URL: customer.subgraphUrl,
      SALES_SUBGRAPH_URL: `http://127.0.0.1:${salesHttp}/graphql`,
      ...auth,
    },
    `http://127.0.0.1:${gatewayPort}/readyz`,
    cleanup,
  );
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

  const warmUp = Math.min(100, options.requests);
  progress(`account deals: ${warmUp} warm-up pairs, then ${formatCount(options.requests)} timed pairs`);
  const timings = await timePairs(options.requests, warmUp, (joined) => roundTrip(gatewayUrl, token, joined));

  const b = summarize(timings.baseline);
  const j = summarize(timings.measured);
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
    errors: timings.errors,
  };
}

export function formatAccountDealsReport(r: AccountDealsBenchResult): string {
  const row = latencyRow;
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
