// The sales part of `make seed`: pipelines (crm-admin), then finance's rates and price book, and deals in every stage of
// each pipeline for the seeded accounts, created and worked by the accounts' reps (line items, quotes, moves, won and
// lost, contracts and payment plans), decided by their managers and paid through finance. All through the gateway,
// each step as the user who would take it; re-running adds nothing twice.
import { pick, rng } from './lib/demo-data';
import { repById, type SeedGraphql } from './seed-sales-callers';
import { seedPriceBook, seedQuotasAndForecast, seedRates, type SeedProductCode } from './seed-sales-catalogue';
import { seedContractAndPaymentPlan } from './seed-sales-contracts';
import { seedCloseDeal, seedLineItems, seedQuote } from './seed-sales-deal-flow';
import { ensurePipelines, type SeedPipeline, type SeedStage } from './seed-sales-pipelines';

export type { SeedGraphql } from './seed-sales-callers';

export interface SeedDeal {
  id: string;
  name: string;
  accountId: string;
  pipeline: SeedPipeline;
  /** The stage the deal should end in: an open one (where it was created) or won or lost (closeDeal's work). */
  target: SeedStage;
  currency: 'CNY' | 'USD';
  amount: string;
  /** The account's position in the seed: picks the deal's scenario (quote outcome, payment plan) deterministically. */
  seq: number;
  /** The rep who owns the deal (the account's owner) and their team's manager: usernames. */
  owner: string;
  manager: string;
}

/**
 * The work after the pipelines and open deals, each step as the user who would do it (see the files named in each
 * hook). Each is idempotent: it reads what exists first, or relies on idempotency and natural keys.
 */
export interface SalesSeedHooks {
  /** Finance's exchange rates and price book (seed-sales-catalogue.ts). */
  catalogue(graphql: SeedGraphql): Promise<void>;
  /** The rep's line items from the price book on the deal (seed-sales-deal-flow.ts). */
  lineItems(graphql: SeedGraphql, deal: SeedDeal): Promise<void>;
  /** The rep moves the deal through its pipeline's stages to deal.target when that is won or lost (stage history). */
  closeDeal(graphql: SeedGraphql, deal: SeedDeal): Promise<void>;
  /** The rep's quote, the manager's decision above the discount threshold, the customer's acceptance. */
  quotes(graphql: SeedGraphql, deal: SeedDeal): Promise<void>;
  /** A won deal's contract from the accepted quote, its payment plan, receipts and finance write-back. */
  contractAndPaymentPlan(graphql: SeedGraphql, deal: SeedDeal): Promise<void>;
  /** The managers' quotas for their reps and a forecast adjustment, once the deals exist. */
  quotasAndForecast(graphql: SeedGraphql): Promise<void>;
}

/** The hooks with the real mutations; `today` (UTC) dates the rates, plans and periods. */
export function realSalesSeedHooks(today = new Date()): SalesSeedHooks {
  const date = today.toISOString().slice(0, 10);
  let products: Map<SeedProductCode, string> | undefined;
  return {
    catalogue: async (graphql) => {
      await seedRates(graphql, today);
      products = await seedPriceBook(graphql);
    },
    lineItems: async (graphql, deal) => {
      products ??= await seedPriceBook(graphql);
      await seedLineItems(graphql, deal, products);
    },
    closeDeal: async (graphql, deal) => seedCloseDeal(graphql, deal, await firstContact(graphql, deal)),
    quotes: async (graphql, deal) => seedQuote(graphql, deal, date),
    contractAndPaymentPlan: async (graphql, deal) => seedContractAndPaymentPlan(graphql, deal, date),
    quotasAndForecast: async (graphql) => seedQuotasAndForecast(graphql, today),
  };
}

/** The account's first contact, the deal's primary contact for the stages that ask for one. */
async function firstContact(graphql: SeedGraphql, deal: SeedDeal): Promise<string | null> {
  const data = (await graphql(
    `
      query ($id: ID!) {
        account(id: $id) {
          contacts(first: 1) {
            edges {
              node {
                id
              }
            }
          }
        }
      }
    `,
    { id: deal.accountId },
    deal.owner,
  )) as { account: { contacts: { edges: { node: { id: string } }[] } } | null };
  return data.account?.contacts.edges[0]?.node.id ?? null;
}

const dealNames = {
  'Enterprise software': ['ERP rollout', 'CRM subscription', 'MES integration', 'Data platform licence'],
  'Hardware & services': ['Scanner fleet refresh', 'Edge gateways', 'Maintenance renewal', 'Warehouse automation'],
} as const;

interface OwnedAccount {
  id: string;
  name: string;
  ownerId: string;
}

/** The first `limit` accounts (by name) owned by one of the demo reps. */
async function ownedAccounts(graphql: SeedGraphql, limit: number): Promise<OwnedAccount[]> {
  const accounts: OwnedAccount[] = [];
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
    accounts.push(
      ...page.edges.flatMap((e) =>
        e.node.ownerId && repById(e.node.ownerId) ? [{ ...e.node, ownerId: e.node.ownerId }] : [],
      ),
    );
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return accounts.slice(0, limit);
}

/** The rep creates the deal unless the account already has one of that name (idempotency keys expire; names do not). */
async function ensureDeal(
  graphql: SeedGraphql,
  input: Record<string, unknown> & { name: string; accountId: string },
  as: string,
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
    as,
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
    as,
  )) as { createOpportunity: { id: string } };
  return { id: data.createOpportunity.id, created: true };
}

/** Pipelines, then deals for the first `accountCount` owned accounts, spread over every stage of both pipelines. */
export async function seedSales(
  graphql: SeedGraphql,
  accountCount: number,
  hooks: SalesSeedHooks = realSalesSeedHooks(),
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
    const input = {
      name,
      accountId: account.id,
      pipelineId: pipeline.id,
      stageId: target.kind === 'OPEN' ? target.id : start.id,
      amount,
      currency,
      expectedCloseDate: closeOn,
      nextStep: r() < 0.5 ? '安排技术交流会' : 'Book the technical workshop',
    };
    const { rep, team } = repById(account.ownerId)!;
    const deal = await ensureDeal(graphql, input, rep.username);
    deals++;
    if (deal.created) created++;
    const seeded: SeedDeal = {
      ...{ id: deal.id, name, accountId: account.id, pipeline, target, currency, amount },
      ...{ seq: i, owner: rep.username, manager: team.manager },
    };
    // Deals from the third open stage on, and closed ones, went through the stages that ask for line items (and get a
    // quote, before the win); earlier ones have them now and then.
    const priced = target.kind !== 'OPEN' || pipeline.stages.indexOf(target) >= 2;
    if (r() < 0.6 || priced) await hooks.lineItems(graphql, seeded);
    await hooks.quotes(graphql, seeded);
    if (target.kind !== 'OPEN') await hooks.closeDeal(graphql, seeded);
    if (target.kind === 'WON') await hooks.contractAndPaymentPlan(graphql, seeded);
  }
  await hooks.quotasAndForecast(graphql);
  return { pipelines: pipelines.length, deals, created };
}
