import { randomUUID } from 'node:crypto';
import type { SalesHarness } from './sales-test-harness';

const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];

/** A default pipeline, created once per harness (deals need one). */
export async function ensurePipeline(h: SalesHarness): Promise<void> {
  const [{ count }]: { count: string }[] = await h.app.dataSource.query(`SELECT count(*) FROM pipelines`);
  if (count !== '0') return;
  const res = await h.graphql(
    `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`,
    { input: { name: 'Contracts', businessLine: 'Software', isDefault: true, stages } },
    'admin1',
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

/**
 * A signed contract of `owner`'s deal, inserted in SQL (the contracts capability creates them from accepted quotes;
 * this fixture needs only the row).
 */
export async function createContract(
  h: SalesHarness,
  options: { owner?: string; value: string; currency?: string },
): Promise<{ contractId: string; opportunityId: string }> {
  await ensurePipeline(h);
  const owner = options.owner ?? 'rep.east1';
  const accountId = await h.createAccount(`Contract customer ${randomUUID().slice(0, 8)}`, owner);
  const created = await h.graphql<{ createOpportunity: { id: string } }>(
    `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
    { input: { name: 'Contracted deal', accountId, amount: options.value, currency: options.currency ?? 'CNY' } },
    owner,
  );
  const opportunityId = created.data?.createOpportunity.id;
  if (!opportunityId) throw new Error(JSON.stringify(created.errors));
  const contractId = randomUUID();
  await h.app.dataSource.query(
    `INSERT INTO contracts (id, number, opportunity_id, account_id, owner_id, team_id, status, value, currency,
       signed_on, start_on, term_months, created_by, created_at, updated_by, updated_at)
     SELECT $1, $2, o.id, o.account_id, o.owner_id, o.team_id, 'signed', $3, o.currency, current_date, current_date,
       12, 'test', now(), 'test', now()
     FROM opportunities o WHERE o.id = $4`,
    [contractId, `CT-TEST-${contractId.slice(0, 8)}`, options.value, opportunityId],
  );
  return { contractId, opportunityId };
}
