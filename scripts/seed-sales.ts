// The sales part of `make seed`: pipelines, deals in every open stage of each pipeline for the seeded accounts, and the
// catalogue, rates, closed deals, quotes, contracts and payment plans through the hooks below once their mutations
// exist. Everything goes through the gateway as crm-admin; re-running adds nothing twice.
import { pick, rng } from './lib/demo-data';

export type SeedGraphql = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface SeedStage {
  id: string;
  name: string;
  kind: 'OPEN' | 'WON' | 'LOST';
}
export interface SeedPipeline {
  id: string;
  name: string;
  stages: SeedStage[];
}
export interface SeedDeal {
  id: string;
  name: string;
  accountId: string;
  pipeline: SeedPipeline;
  /** The stage the deal should end in: an open one (where it was created) or won or lost (closeDeal's work). */
  target: SeedStage;
  currency: 'CNY' | 'USD';
  amount: string;
}

const pipelineDefinitions = [
  {
    name: 'Enterprise software',
    businessLine: 'Software licences and subscriptions',
    isDefault: true,
    stages: [
      { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE', idleDays: 14 },
      { name: 'Discovery', kind: 'OPEN', probability: '20', forecastCategory: 'PIPELINE', idleDays: 21 },
      {
        name: 'Solution design',
        kind: 'OPEN',
        probability: '40',
        forecastCategory: 'BEST_CASE',
        entryCriteria: ['amount', 'expectedCloseDate'],
        idleDays: 21,
      },
      {
        name: 'Proposal',
        kind: 'OPEN',
        probability: '60',
        forecastCategory: 'BEST_CASE',
        entryCriteria: ['amount', 'expectedCloseDate', 'lineItems'],
        idleDays: 14,
      },
      {
        name: 'Negotiation',
        kind: 'OPEN',
        probability: '80',
        forecastCategory: 'COMMIT',
        entryCriteria: ['amount', 'expectedCloseDate', 'nextStep', 'primaryContact'],
        idleDays: 10,
      },
      { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
      { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
    ],
  },
  {
    name: 'Hardware & services',
    businessLine: 'Equipment, installation and maintenance',
    isDefault: false,
    stages: [
      { name: 'Lead qualified', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE', idleDays: 10 },
      {
        name: 'Site survey',
        kind: 'OPEN',
        probability: '30',
        forecastCategory: 'PIPELINE',
        entryCriteria: ['nextStep'],
        idleDays: 14,
      },
      {
        name: 'Quotation',
        kind: 'OPEN',
        probability: '50',
        forecastCategory: 'BEST_CASE',
        entryCriteria: ['amount', 'lineItems'],
        idleDays: 14,
      },
      {
        name: 'Purchase order pending',
        kind: 'OPEN',
        probability: '85',
        forecastCategory: 'COMMIT',
        entryCriteria: ['amount', 'expectedCloseDate', 'primaryContact'],
        idleDays: 7,
      },
      { name: 'Delivered and won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
      { name: 'Lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
    ],
  },
] as const;

/** The price book the catalogue hook loads: list prices in CNY and USD. */
export const seedProducts = [
  { sku: 'ERP-CORE', name: 'ERP core licence (per user, year)', prices: { CNY: '3600.00', USD: '520.00' } },
  { sku: 'ERP-MFG', name: 'Manufacturing module (per user, year)', prices: { CNY: '2400.00', USD: '350.00' } },
  { sku: 'CRM-PRO', name: 'CRM professional (per user, year)', prices: { CNY: '1800.00', USD: '260.00' } },
  { sku: 'IMPL-DAY', name: 'Implementation consultant day', prices: { CNY: '6800.00', USD: '980.00' } },
  { sku: 'SCAN-X2', name: 'Industrial barcode scanner X2', prices: { CNY: '4200.00', USD: '610.00' } },
  { sku: 'GW-EDGE', name: 'Edge gateway appliance', prices: { CNY: '15800.00', USD: '2290.00' } },
  { sku: 'SVC-MAINT', name: 'On-site maintenance (year)', prices: { CNY: '12000.00', USD: '1750.00' } },
] as const;

/** Finance's dated rates to the company currency (CNY) the rates hook loads. */
export const seedExchangeRates = [
  { from: 'USD', to: 'CNY', rate: '7.1012', effectiveOn: '2026-09-30' },
  { from: 'USD', to: 'CNY', rate: '7.1335', effectiveOn: '2026-10-31' },
  { from: 'USD', to: 'CNY', rate: '7.1180', effectiveOn: '2026-11-28' },
] as const;

/**
 * The work other capabilities add to the seed, each called once per run after pipelines and open deals exist. Each
 * must itself be idempotent (idempotency keys or a look-up first). Left empty until its mutations are on main.
 */
export interface SalesSeedHooks {
  /** Exchange rates (seedExchangeRates), products and price book entries (seedProducts). */
  catalogue(graphql: SeedGraphql): Promise<void>;
  /** Line items from the price book on the deal. */
  lineItems(graphql: SeedGraphql, deal: SeedDeal): Promise<void>;
  /** Moves the deal through its pipeline's stages to deal.target when that is won or lost (stage history). */
  closeDeal(graphql: SeedGraphql, deal: SeedDeal): Promise<void>;
  /** Quotes of a deal (some above the discount threshold, approved or rejected). */
  quotes(graphql: SeedGraphql, deal: SeedDeal): Promise<void>;
  /** A contract from the accepted quote of a won deal, with its payment plan, invoices and payments. */
  contractAndPaymentPlan(graphql: SeedGraphql, deal: SeedDeal): Promise<void>;
}

export const salesSeedHooks: SalesSeedHooks = {
  catalogue: async () => {},
  lineItems: async () => {},
  closeDeal: async () => {},
  quotes: async () => {},
  contractAndPaymentPlan: async () => {},
};

const dealNames = {
  'Enterprise software': ['ERP rollout', 'CRM subscription', 'MES integration', 'Data platform licence'],
  'Hardware & services': ['Scanner fleet refresh', 'Edge gateways', 'Maintenance renewal', 'Warehouse automation'],
} as const;

async function ensurePipelines(graphql: SeedGraphql): Promise<SeedPipeline[]> {
  const query = `{ pipelines { id name stages { id name kind } } }`;
  const existing = (await graphql(query, {})).pipelines as SeedPipeline[];
  for (const definition of pipelineDefinitions) {
    if (existing.some((p) => p.name === definition.name)) continue;
    await graphql(
      `
        mutation ($input: CreatePipelineInput!) {
          createPipeline(input: $input) {
            id
          }
        }
      `,
      {
        input: { ...definition, idempotencyKey: `seed-pipeline-${definition.name}` },
      },
    );
  }
  const pipelines = (await graphql(query, {})).pipelines as SeedPipeline[];
  return pipelineDefinitions.map((d) => pipelines.find((p) => p.name === d.name)!);
}

async function ownedAccounts(graphql: SeedGraphql, limit: number): Promise<{ id: string; name: string }[]> {
  const accounts: { id: string; name: string }[] = [];
  let after: string | null = null;
  while (accounts.length < limit) {
    const data = await graphql(
      `
        query ($after: String) {
          accounts(first: 100, after: $after, sort: { field: NAME }) {
            edges {
              node {
                id
                name
                ownerId
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      `,
      { after },
    );
    const page = data.accounts as {
      edges: { node: { id: string; name: string; ownerId: string | null } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    accounts.push(...page.edges.map((e) => e.node).filter((a) => a.ownerId));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return accounts.slice(0, limit);
}

/** Creates the deal unless the account already has one of that name (idempotency keys expire; names do not). */
async function ensureDeal(
  graphql: SeedGraphql,
  input: Record<string, unknown> & { name: string; accountId: string },
): Promise<{ id: string; created: boolean }> {
  const existing = (await graphql(
    `
      query ($accountId: ID!) {
        opportunities(filter: { accountId: $accountId }, first: 50) {
          edges {
            node {
              id
              name
            }
          }
        }
      }
    `,
    { accountId: input.accountId },
  )) as { opportunities: { edges: { node: { id: string; name: string } }[] } };
  const found = existing.opportunities.edges.find((e) => e.node.name === input.name);
  if (found) return { id: found.node.id, created: false };
  const data = (await graphql(
    `
      mutation ($input: CreateOpportunityInput!) {
        createOpportunity(input: $input) {
          id
        }
      }
    `,
    { input: { ...input, idempotencyKey: `seed-deal-${input.accountId}-${input.name}` } },
  )) as { createOpportunity: { id: string } };
  return { id: data.createOpportunity.id, created: true };
}

/** Pipelines, then deals for the first `accountCount` owned accounts, spread over every stage of both pipelines. */
export async function seedSales(
  graphql: SeedGraphql,
  accountCount: number,
  hooks: SalesSeedHooks = salesSeedHooks,
): Promise<{ pipelines: number; deals: number; created: number }> {
  const pipelines = await ensurePipelines(graphql);
  await hooks.catalogue(graphql);
  const accounts = await ownedAccounts(graphql, accountCount);
  const today = new Date();
  let deals = 0;
  let created = 0;
  for (const [i, account] of accounts.entries()) {
    const r = rng(20261130 + i);
    const pipeline = pipelines[i % pipelines.length]!;
    // Every stage in turn, won and lost included, so each column of both boards has deals.
    const target = pipeline.stages[Math.floor(i / pipelines.length) % pipeline.stages.length]!;
    const start = pipeline.stages.find((s) => s.kind === 'OPEN')!;
    const currency = r() < 0.7 ? 'CNY' : 'USD';
    const amount = (Math.round((20_000 + r() * 1_980_000) / 100) * 100).toFixed(2);
    const closeOn = new Date(today.getTime() + Math.floor(-60 + r() * 240) * 86_400_000).toISOString().slice(0, 10);
    const name = `${pick(r, dealNames[pipeline.name as keyof typeof dealNames])} – ${account.name}`.slice(0, 200);
    const deal = await ensureDeal(graphql, {
      name,
      accountId: account.id,
      pipelineId: pipeline.id,
      stageId: target.kind === 'OPEN' ? target.id : start.id,
      amount,
      currency,
      expectedCloseDate: closeOn,
      nextStep: r() < 0.5 ? '安排技术交流会' : 'Book the technical workshop',
    });
    deals++;
    if (deal.created) created++;
    const seeded: SeedDeal = { id: deal.id, name, accountId: account.id, pipeline, target, currency, amount };
    if (r() < 0.6) await hooks.lineItems(graphql, seeded);
    if (target.kind !== 'OPEN') await hooks.closeDeal(graphql, seeded);
    await hooks.quotes(graphql, seeded);
    if (target.kind === 'WON') await hooks.contractAndPaymentPlan(graphql, seeded);
  }
  return { pipelines: pipelines.length, deals, created };
}
