import { randomUUID } from 'node:crypto';
import type { BrowserStack } from './browser-stack';

/** A short suffix that keeps the fixtures of one run apart from another's (names are searched and matched). */
export const runTag = (): string => randomUUID().slice(0, 6);

export const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export interface StageFixture {
  name: string;
  kind: 'OPEN' | 'WON' | 'LOST';
  probability: string;
  forecastCategory: 'PIPELINE' | 'BEST_CASE' | 'COMMIT' | 'CLOSED' | 'OMITTED';
  entryCriteria?: string[];
}

/** A default pipeline, as crm-admin sets one up; its stages in order. */
export async function pipelineOf(
  env: BrowserStack,
  name: string,
  stages: StageFixture[],
): Promise<{ id: string; stages: { id: string; name: string }[] }> {
  const created = await env.api.must<{
    createPipeline: { id: string; stages: { id: string; name: string }[] };
  }>('admin1', `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages { id name } } }`, {
    input: { name, businessLine: 'Industrial', isDefault: true, stages },
  });
  return created.createPipeline;
}

/** An account created by `owner` through the gateway (duplicates overridden: the journeys make them on purpose). */
export async function accountOf(
  env: BrowserStack,
  owner: string,
  account: { name: string; emails?: string[] },
): Promise<string> {
  const created = await env.api.must<{ createAccount: { account: { id: string } } }>(
    owner,
    `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
    { input: { account, duplicatePolicy: 'OVERRIDE' } },
  );
  return created.createAccount.account.id;
}

/** A deal created by its owner in the default pipeline's first stage. */
export async function dealOf(
  env: BrowserStack,
  owner: string,
  deal: { name: string; accountId: string; amount?: string; expectedCloseDate?: string },
): Promise<{ id: string; version: number }> {
  const created = await env.api.must<{ createOpportunity: { id: string; version: number } }>(
    owner,
    `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }`,
    { input: { ...deal, currency: 'CNY' } },
  );
  return created.createOpportunity;
}

/** A product at a list price in CNY, as finance keeps the price book. */
export async function productAt(
  env: BrowserStack,
  code: string,
  unitPrice: string,
  name = `数控加工中心 CNC machining centre ${code}`,
): Promise<string> {
  const { createProduct } = await env.api.must<{ createProduct: { id: string } }>(
    'finance1',
    `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    { input: { code, name } },
  );
  await env.api.must(
    'finance1',
    `mutation($id: ID!, $price: String!) { setPrice(productId: $id, currency: "CNY", unitPrice: $price) { id } }`,
    { id: createProduct.id, price: unitPrice },
  );
  return createProduct.id;
}

/** Today and the first day of its quarter, in the portal's time zone for these journeys (Asia/Shanghai). */
export function shanghaiQuarter(): { today: string; quarterStart: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [year, month] = today.split('-').map(Number);
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return { today, quarterStart: `${year}-${String(first).padStart(2, '0')}-01` };
}
