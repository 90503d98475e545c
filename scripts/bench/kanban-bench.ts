// Kanban board: `pipelineBoard` for one pipeline holding 5,000 open deals (one page per column, with company-currency
// totals over three currencies), straight to the sales-pipeline subgraph and through the gateway. The baseline, in the
// same run and alternating request by request: `opportunity(id)`, a primary-key lookup of one deal, on both paths.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { runMigrations } from '@crm/platform/db';
import { freePort } from '@crm/testing';
import { salesDataSource } from '../../services/sales-pipeline/src/db/data-source';
import { benchRep } from './bench-accounts';
import type { CleanupStack } from './bench-cleanup';
import { startBenchIssuer } from './bench-issuer';
import { insertBenchExchangeRates } from './bench-exchange-rates';
import { databaseUrl, withClient } from './bench-postgres';
import { startBenchGateway, startBenchNats, startBenchService } from './bench-processes';
import {
  formatCount,
  formatMs,
  formatRatio,
  progress,
  ratio,
  renderTable,
  summarize,
  type LatencySummary,
} from './stats';

export interface KanbanBenchOptions {
  serverUrl: string;
  openDeals: number;
  requests: number;
  cleanup: CleanupStack;
}

export interface KanbanBenchResult {
  openDeals: number;
  closedDeals: number;
  columns: number;
  requests: number;
  warmUp: number;
  caller: string;
  lookupDirect: LatencySummary;
  lookupGateway: LatencySummary;
  boardDirect: LatencySummary;
  boardGateway: LatencySummary;
  /** Board p95 ÷ lookup p95 on the same path. */
  boardVsLookupP95Direct: number;
  boardVsLookupP95Gateway: number;
  errors: number;
}

const openStages = ['Lead', 'Qualified', 'Discovery', 'Proposal', 'Negotiation', 'Commit'];
const boardQuery = `query Board($id: ID!) { pipelineBoard(pipelineId: $id, perColumn: 20) {
  ratesUsed { currency rate effectiveOn }
  columns { stage { id name } count total { amount currencyCode } missingRates
    deals { edges { node { id name ownerId amount { amount currencyCode } expectedCloseDate } } pageInfo { endCursor hasNextPage } } } } }`;
const lookupQuery = 'query Deal($id: ID!) { opportunity(id: $id) { id name amount { amount currencyCode } } }';

/** A database with the sales schema, one pipeline, `openDeals` open deals of one team in three currencies, rates. */
async function seed(serverUrl: string, openDeals: number, cleanup: CleanupStack) {
  const name = 'bench_sales';
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  cleanup.add('sales database', () =>
    withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  );
  const url = databaseUrl(serverUrl, name);
  await runMigrations(salesDataSource(url, 2));
  const pipelineId = randomUUID();
  const stageIds = [...openStages, 'Won', 'Lost'].map(() => randomUUID());
  const owners = Array.from({ length: 10 }, () => randomUUID());
  const closedDeals = openDeals * 3;
  await withClient(url, async (c) => {
    await c.query(
      `INSERT INTO pipelines (id, name, business_line, is_default, created_by, created_at, updated_by, updated_at)
       VALUES ($1, 'Enterprise', 'Software', true, 'bench', now(), 'bench', now())`,
      [pipelineId],
    );
    for (const [i, stage] of [...openStages, 'Won', 'Lost'].entries()) {
      const kind = stage === 'Won' ? 'won' : stage === 'Lost' ? 'lost' : 'open';
      const category = kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : 'pipeline';
      const probability = kind === 'won' ? 100 : kind === 'lost' ? 0 : 10 + i * 10;
      await c.query(
        `INSERT INTO pipeline_stages (id, pipeline_id, position, name, kind, probability, forecast_category)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [stageIds[i], pipelineId, i, stage, kind, probability, category],
      );
    }
    // Open deals spread over the open stages; three times as many closed ones that the board must skip.
    await c.query(
      `INSERT INTO opportunities (id, name, account_id, owner_id, team_id, pipeline_id, stage_id, status, amount,
         currency, probability, closed_at, stage_entered_at, created_by, created_at, updated_by, updated_at)
       SELECT gen_random_uuid(), 'Deal ' || g, gen_random_uuid(), ($3::uuid[])[1 + g % 10], $4, $1,
              CASE WHEN g <= $5 THEN ($2::uuid[])[1 + g % 6] ELSE ($2::uuid[])[7 + g % 2] END,
              CASE WHEN g <= $5 THEN 'open' WHEN g % 2 = 0 THEN 'won' ELSE 'lost' END,
              (g * 7919 % 1000000) / 100.0, (ARRAY['CNY', 'USD', 'EUR'])[1 + g % 3], 20,
              CASE WHEN g <= $5 THEN NULL ELSE now() END, now(), 'bench', now(), 'bench',
              now() - make_interval(secs => g)
         FROM generate_series(1, $6::int) AS g`,
      [pipelineId, stageIds, owners, benchRep.teams[0], openDeals, openDeals + closedDeals],
    );
    await insertBenchExchangeRates(c);
    await c.query('ANALYZE');
  });
  const { rows } = await withClient(url, (c) =>
    c.query<{ id: string }>(`SELECT id FROM opportunities WHERE status = 'open' ORDER BY md5(id::text) LIMIT 500`),
  );
  return { url, pipelineId, dealIds: rows.map((r) => r.id), closedDeals };
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
  const ms = performance.now() - started;
  if (response.status !== 200 || body.errors || !body.data || Object.values(body.data).some((v) => v === null)) {
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return ms;
}

export async function runKanbanBench(options: KanbanBenchOptions): Promise<KanbanBenchResult> {
  const { cleanup } = options;
  progress(`kanban: seeding ${formatCount(options.openDeals)} open deals`);
  const data = await seed(options.serverUrl, options.openDeals, cleanup);
  const natsUrl = await startBenchNats(cleanup);
  const realm = await startBenchIssuer();
  cleanup.add('kanban token issuer', realm.stop);
  const auth = { KEYCLOAK_ISSUER: realm.issuer, JWT_AUDIENCE: realm.audience };
  // A sales manager of the deals' team: every open deal is visible to them through the team rule.
  const token = await realm.token({
    subject: randomUUID(),
    roles: ['sales-manager'],
    groups: benchRep.teams.map((t) => `/teams/${t}`),
    username: 'bench.manager',
  });
  const [grpcPort, httpPort, unusedPort] = [await freePort(), await freePort(), await freePort()];
  progress('kanban: starting the sales-pipeline service and the gateway');
  const subgraphUrl = await startBenchService(
    'sales-pipeline service',
    'sales-pipeline',
    {
      httpPort: String(httpPort),
      SALES_DATABASE_URL: data.url,
      NATS_URL: natsUrl,
      SALES_GRPC_PORT: String(grpcPort),
      SALES_HTTP_PORT: String(httpPort),
      // The board calls no other service; the customer service is not started.
      CUSTOMER_GRPC_ADDRESS: `127.0.0.1:${unusedPort}`,
      ...auth,
    },
    cleanup,
  );
  const { url: gatewayUrl } = await startBenchGateway(
    { SALES_SUBGRAPH_URL: subgraphUrl },
    auth,
    cleanup,
    'kanban gateway',
  );

  const samples = {
    lookupDirect: [] as number[],
    lookupGateway: [] as number[],
    boardDirect: [] as number[],
    boardGateway: [] as number[],
  };
  let errors = 0;
  const run = async (count: number, record: boolean) => {
    for (let i = 0; i < count; i++) {
      const steps = [
        ['lookupDirect', subgraphUrl, lookupQuery, { id: data.dealIds[i % data.dealIds.length] }],
        ['boardDirect', subgraphUrl, boardQuery, { id: data.pipelineId }],
        ['lookupGateway', gatewayUrl, lookupQuery, { id: data.dealIds[i % data.dealIds.length] }],
        ['boardGateway', gatewayUrl, boardQuery, { id: data.pipelineId }],
      ] as const;
      // Rotate the order, so no path always runs on a cache the previous one warmed.
      for (let k = 0; k < steps.length; k++) {
        const [name, url, query, variables] = steps[(i + k) % steps.length];
        try {
          const ms = await post(url, token, query, variables);
          if (record) samples[name].push(ms);
        } catch (error) {
          errors += 1;
          if (errors > Math.max(10, count / 50)) throw error;
        }
      }
    }
  };
  const warmUp = Math.min(30, options.requests);
  progress(`kanban: ${warmUp} warm-up rounds, then ${formatCount(options.requests)} timed rounds`);
  await run(warmUp, false);
  await run(options.requests, true);
  const s = {
    lookupDirect: summarize(samples.lookupDirect),
    lookupGateway: summarize(samples.lookupGateway),
    boardDirect: summarize(samples.boardDirect),
    boardGateway: summarize(samples.boardGateway),
  };
  return {
    openDeals: options.openDeals,
    closedDeals: data.closedDeals,
    columns: openStages.length,
    requests: options.requests,
    warmUp,
    caller: 'a sales manager (RS256 token) whose team owns every deal, so the row rule admits each through the team',
    ...s,
    boardVsLookupP95Direct: ratio(s.boardDirect.p95Ms, s.lookupDirect.p95Ms),
    boardVsLookupP95Gateway: ratio(s.boardGateway.p95Ms, s.lookupGateway.p95Ms),
    errors,
  };
}

export function formatKanbanReport(r: KanbanBenchResult): string {
  const row = (name: string, x: LatencySummary, base: LatencySummary) => [
    name,
    formatMs(x.p50Ms),
    formatMs(x.p95Ms),
    formatMs(x.p99Ms),
    formatRatio(ratio(x.p95Ms, base.p95Ms)),
  ];
  return [
    `4. Kanban board: pipelineBoard over ${formatCount(r.openDeals)} open deals (${r.columns} columns, 20 per page, totals in CNY from CNY/USD/EUR; ${formatCount(r.closedDeals)} closed deals beside them), ${formatCount(r.requests)} sequential rounds after ${r.warmUp} warm-up rounds`,
    '',
    renderTable(
      ['request', 'p50', 'p95', 'p99', 'p95 ratio'],
      [
        row('opportunity(id), subgraph direct (baseline)', r.lookupDirect, r.lookupDirect),
        row('pipelineBoard, subgraph direct', r.boardDirect, r.lookupDirect),
        row('opportunity(id), through the gateway (baseline)', r.lookupGateway, r.lookupGateway),
        row('pipelineBoard, through the gateway', r.boardGateway, r.lookupGateway),
      ],
    ),
    '',
    `   board p95 = ${formatRatio(r.boardVsLookupP95Direct)} a primary-key lookup at the service, ${formatRatio(r.boardVsLookupP95Gateway)} through the gateway; ${r.errors} failed requests`,
    `   caller: ${r.caller}`,
  ].join('\n');
}
