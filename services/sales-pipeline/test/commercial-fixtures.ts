import type { SalesHarness } from './sales-test-harness';

/** A one-stage pipeline is all the quote and contract specs need. */
const pipelineInput = {
  name: 'Licences',
  businessLine: 'Software',
  isDefault: true,
  stages: [
    { name: 'Proposal', kind: 'OPEN', probability: '40', forecastCategory: 'PIPELINE' },
    { name: 'Won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
    { name: 'Lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
  ],
};

/** GraphQL data, or a thrown error naming what went wrong (for setup steps that must succeed). */
export async function must<T>(
  h: SalesHarness,
  query: string,
  variables: Record<string, unknown>,
  as = 'admin1',
): Promise<T> {
  const res = await h.graphql<T>(query, variables, as);
  if (res.errors?.length || !res.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(res.errors)}`);
  return res.data;
}

export async function createDefaultPipeline(h: SalesHarness): Promise<void> {
  await must(h, `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`, {
    input: pipelineInput,
  });
}

/** A product with list prices ({ CNY: '1200.00' }), created and priced by finance1; returns its id. */
export async function createProduct(h: SalesHarness, code: string, prices: Record<string, string>): Promise<string> {
  const { createProduct } = await must<{ createProduct: { id: string } }>(
    h,
    `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    { input: { code, name: `Product ${code}` } },
    'finance1',
  );
  for (const [currency, unitPrice] of Object.entries(prices)) {
    await must(
      h,
      `mutation($p: ID!, $c: String!, $u: String!) { setPrice(productId: $p, currency: $c, unitPrice: $u) { id } }`,
      { p: createProduct.id, c: currency, u: unitPrice },
      'finance1',
    );
  }
  return createProduct.id;
}

/** A deal on `accountId` owned by `as`; returns its id and version. */
export async function createDeal(
  h: SalesHarness,
  accountId: string,
  as: string,
  currency = 'CNY',
): Promise<{ id: string; version: number }> {
  const { createOpportunity } = await must<{ createOpportunity: { id: string; version: number } }>(
    h,
    `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }`,
    { input: { name: `Deal of ${as}`, accountId, currency } },
    as,
  );
  return createOpportunity;
}

export const setLineItems = `mutation($id: ID!, $items: [LineItemInput!]!, $v: Int!) {
  setOpportunityLineItems(opportunityId: $id, items: $items, expectedVersion: $v) {
    id version amount { amount currencyCode }
    lineItems { position product { code } quantity unitPrice { amount } discountPercent lineTotal { amount currencyCode } }
  }
}`;

export const quoteFields = `id version status needsApproval maxDiscountPercent total { amount currencyCode }
  decisionComment validUntil lines { position lineTotal { amount } }`;

export const createQuote = `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { ${quoteFields} } }`;

/** Sets the deal's lines (as `as`) and makes a quote of them valid for 30 days; returns the quote. */
export async function quoteDeal(
  h: SalesHarness,
  deal: { id: string },
  items: Record<string, unknown>[],
  as: string,
): Promise<{ id: string; status: string; version: number }> {
  const { opportunity } = await must<{ opportunity: { version: number } }>(
    h,
    `query($id: ID!) { opportunity(id: $id) { version } }`,
    { id: deal.id },
    as,
  );
  await must(h, setLineItems, { id: deal.id, items, v: opportunity.version }, as);
  const { createQuote: quote } = await must<{ createQuote: { id: string; status: string; version: number } }>(
    h,
    createQuote,
    { input: { opportunityId: deal.id, validUntil: inDays(30) } },
    as,
  );
  return quote;
}

/** The calendar date `days` from today (UTC). */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
