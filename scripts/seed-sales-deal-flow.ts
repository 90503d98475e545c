// A seeded deal's life after its creation, each step as the user who would take it: the rep's line items, quote and
// stage moves (won, or lost with a reason), the manager's quote decisions. Each step reads the deal first and does only
// what is still missing, so a re-run changes nothing.
import { pick, rng } from './lib/demo-data';
import type { SeedProductCode } from './seed-sales-catalogue';
import type { SeedDeal } from './seed-sales';
import type { SeedGraphql } from './seed-sales-callers';

/** What happens to a deal's quote: approved at once (small discount), approved or rejected by the manager, waiting. */
export type QuotePlan = 'none' | 'auto' | 'approved' | 'rejected' | 'awaiting';

/** Won deals get a quote the customer accepted; open deals from the third stage on any of the four outcomes. */
export function quotePlan(deal: SeedDeal, hasLineItems: boolean): QuotePlan {
  if (deal.target.kind === 'LOST' || !hasLineItems) return 'none';
  if (deal.target.kind === 'WON') return deal.seq % 3 === 0 ? 'approved' : 'auto';
  if (deal.pipeline.stages.filter((s) => s.kind === 'OPEN').indexOf(deal.target) < 2) return 'none';
  return (['auto', 'approved', 'rejected', 'awaiting'] as const)[deal.seq % 4]!;
}

const softwareLines: SeedProductCode[][] = [
  ['ERP-CORE', 'ERP-MFG', 'IMPL-DAY'],
  ['CRM-PRO', 'IMPL-DAY'],
  ['MES-PLANT', 'IMPL-DAY'],
];
const hardwareLines: SeedProductCode[][] = [['SCAN-X2', 'SVC-MAINT'], ['GW-EDGE', 'IMPL-DAY'], ['SCAN-X2']];
const quantities = ['3', '12.5', '250', '40', '1', '7'];

interface DealState {
  version: number;
  status: 'OPEN' | 'WON' | 'LOST';
  stage: { id: string };
  lineItems: { position: number }[];
  quotes: { id: string; status: string }[];
  contracts: { id: string; status: string }[];
}

export async function dealState(graphql: SeedGraphql, deal: SeedDeal): Promise<DealState> {
  const data = (await graphql(
    `
      query ($id: ID!) {
        opportunity(id: $id) {
          version
          status
          stage {
            id
          }
          lineItems {
            position
          }
          quotes {
            id
            status
          }
          contracts {
            id
            status
          }
        }
      }
    `,
    { id: deal.id },
    deal.owner,
  )) as { opportunity: DealState };
  return data.opportunity;
}

/** The rep prices the deal from the price book; a quote meant for approval has one line above the 15 % threshold. */
export async function seedLineItems(
  graphql: SeedGraphql,
  deal: SeedDeal,
  products: ReadonlyMap<SeedProductCode, string>,
): Promise<void> {
  const state = await dealState(graphql, deal);
  if (state.lineItems.length || state.status !== 'OPEN') return;
  const r = rng(7_000 + deal.seq);
  const codes = pick(r, deal.pipeline.name === 'Hardware & services' ? hardwareLines : softwareLines);
  const plan = quotePlan(deal, true);
  const items = codes.map((code, i) => ({
    productId: products.get(code)!,
    quantity: code === 'MES-PLANT' ? '1' : pick(r, quantities),
    discountPercent:
      i === 0 && (plan === 'approved' || plan === 'rejected' || plan === 'awaiting')
        ? pick(r, ['18', '22.5', '30'])
        : pick(r, ['0', '5', '8.75', '10', '15']),
  }));
  await graphql(
    `
      mutation ($id: ID!, $items: [LineItemInput!]!, $version: Int!) {
        setOpportunityLineItems(opportunityId: $id, items: $items, expectedVersion: $version) {
          id
        }
      }
    `,
    { id: deal.id, items, version: state.version },
    deal.owner,
  );
}

const lossReasons = [
  '价格高于竞争对手 (price above the competitor)',
  'Budget frozen for the fiscal year',
  '客户选择了本地供应商',
  'No decision: project postponed',
];

/** The rep walks a deal meant to be won through every open stage, or a lost one a stage or two, then closes it. */
export async function seedCloseDeal(graphql: SeedGraphql, deal: SeedDeal, contactId: string | null): Promise<void> {
  const state = await dealState(graphql, deal);
  if (state.status !== 'OPEN') return;
  const open = deal.pipeline.stages.filter((s) => s.kind === 'OPEN');
  const from = open.findIndex((s) => s.id === state.stage.id);
  const through = deal.target.kind === 'WON' ? open.slice(from + 1) : open.slice(from + 1, from + 1 + (deal.seq % 3));
  let version = state.version;
  for (const stage of [...through, deal.target]) {
    const moved = (await graphql(
      `
        mutation ($input: MoveOpportunityStageInput!) {
          moveOpportunityStage(input: $input) {
            version
          }
        }
      `,
      {
        input: {
          id: deal.id,
          stageId: stage.id,
          expectedVersion: version,
          ...(contactId ? { fields: { primaryContactId: contactId } } : {}),
          ...(stage.kind === 'LOST' ? { lossReason: lossReasons[deal.seq % lossReasons.length] } : {}),
        },
      },
      deal.owner,
    )) as { moveOpportunityStage: { version: number } };
    version = moved.moveOpportunityStage.version;
  }
}

const rejections = ['折扣过高，请先与客户确认采购量', 'Discount too deep for a one-year term: offer 15 % at most'];

/** The rep quotes the deal; the manager decides a quote above the threshold; the customer accepts a won deal's. */
export async function seedQuote(graphql: SeedGraphql, deal: SeedDeal, today: string): Promise<void> {
  const state = await dealState(graphql, deal);
  const plan = quotePlan(deal, state.lineItems.length > 0);
  if (plan === 'none') return;
  let quote = state.quotes[0];
  if (!quote) {
    if (state.status !== 'OPEN') return;
    const validUntil = new Date(Date.parse(today) + 30 * 86_400_000).toISOString().slice(0, 10);
    const created = (await graphql(
      `
        mutation ($input: CreateQuoteInput!) {
          createQuote(input: $input) {
            id
            status
          }
        }
      `,
      {
        input: {
          opportunityId: deal.id,
          validUntil,
          notes: deal.currency === 'CNY' ? '含税价，含13%增值税' : 'Prices exclude VAT',
          idempotencyKey: `seed-quote-${deal.id}`,
        },
      },
      deal.owner,
    )) as { createQuote: { id: string; status: string } };
    quote = created.createQuote;
  }
  const step = async (mutation: string, as: string, variables: Record<string, unknown> = {}) => {
    const data = (await graphql(mutation, { id: quote!.id, ...variables }, as)) as Record<string, { status: string }>;
    quote = { id: quote!.id, status: Object.values(data)[0]!.status };
  };
  if (quote.status === 'DRAFT') await step(`mutation ($id: ID!) { submitQuote(id: $id) { status } }`, deal.owner);
  if (quote.status === 'SUBMITTED' && plan === 'approved') {
    await step(`mutation ($id: ID!, $c: String) { approveQuote(id: $id, comment: $c) { status } }`, deal.manager, {
      c: '同意，战略客户 (approved: strategic account)',
    });
  }
  if (quote.status === 'SUBMITTED' && plan === 'rejected') {
    await step(`mutation ($id: ID!, $c: String!) { rejectQuote(id: $id, comment: $c) { status } }`, deal.manager, {
      c: rejections[deal.seq % rejections.length],
    });
  }
  if (quote.status === 'APPROVED' && deal.target.kind === 'WON') {
    await step(`mutation ($id: ID!) { acceptQuote(id: $id) { status } }`, deal.owner);
  }
}
