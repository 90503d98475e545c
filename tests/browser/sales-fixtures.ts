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
