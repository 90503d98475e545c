import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const standardStages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  { name: 'Proposal', kind: 'OPEN', probability: '50', forecastCategory: 'BEST_CASE', entryCriteria: ['amount'] },
  { name: 'Negotiation', kind: 'OPEN', probability: '80', forecastCategory: 'COMMIT', idleDays: 14 },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];

const createPipeline = `mutation($input: CreatePipelineInput!) {
  createPipeline(input: $input) { id name isDefault stages { id name kind probability forecastCategory entryCriteria } }
}`;
const createOpportunity = `mutation($input: CreateOpportunityInput!) {
  createOpportunity(input: $input) {
    id name status amount { amount currencyCode } probability ownerId stage { name } pipeline { name } account { id }
  }
}`;

describeWithKeycloak('opportunities', () => {
  let h: SalesHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startSalesHarness('sales_opportunities');
    const created = await h.graphql(createPipeline, {
      input: { name: 'Enterprise software', businessLine: 'Software', isDefault: true, stages: standardStages },
    });
    expect(created.errors).toBeUndefined();
    accountId = await h.createAccount('Shanghai Lianhua Trading Co., Ltd.');
  }, 120_000);
  afterAll(() => h?.stop());

  it('are created on an account the rep owns, in the default pipeline’s first open stage, with its probability', async () => {
    const res = await h.graphql<{ createOpportunity: Record<string, unknown> }>(
      createOpportunity,
      { input: { name: 'ERP rollout, phase 1', accountId, amount: '1250000.50', currency: 'cny' } },
      'rep.east1',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.createOpportunity).toMatchObject({
      name: 'ERP rollout, phase 1',
      status: 'OPEN',
      amount: { amount: '1250000.50', currencyCode: 'CNY' },
      probability: '10.00',
      ownerId: await h.userId('rep.east1'),
      stage: { name: 'Qualification' },
      pipeline: { name: 'Enterprise software' },
      account: { id: accountId },
    });
    const events = await h.streamEvents();
    expect(events.map((e) => e.subject)).toContain('crm.sales.opportunity.created');
  });

  it('are refused on an account the caller may not read, as the customer service decides', async () => {
    const res = await h.graphql(
      createOpportunity,
      { input: { name: 'Poaching', accountId, currency: 'CNY' } },
      'rep.south1',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await h.graphql<{ opportunities: { totalCount: number } }>(
      `{ opportunities { totalCount } }`,
      {},
      'admin1',
    );
    expect(list.data?.opportunities.totalCount).toBe(1);
  });

  it('refuse a float-looking or negative amount and an unknown currency, naming the field', async () => {
    for (const [input, field] of [
      [{ amount: '1e6', currency: 'CNY' }, 'amount'],
      [{ amount: '-5', currency: 'CNY' }, 'amount'],
      [{ amount: '5', currency: 'XYZ' }, 'currency'],
    ] as const) {
      const res = await h.graphql(createOpportunity, { input: { name: 'Bad', accountId, ...input } }, 'rep.east1');
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain(field);
    }
  });

  it('are created once per idempotency key, and a key reused with other input is a CONFLICT', async () => {
    const input = { name: 'Warehouse robots', accountId, amount: '88000', currency: 'USD', idempotencyKey: 'crm-4711' };
    const first = await h.graphql<{ createOpportunity: { id: string } }>(createOpportunity, { input }, 'rep.east1');
    const retry = await h.graphql<{ createOpportunity: { id: string } }>(createOpportunity, { input }, 'rep.east1');
    expect(retry.data?.createOpportunity.id).toBe(first.data?.createOpportunity.id);
    const reused = await h.graphql(createOpportunity, { input: { ...input, amount: '99000' } }, 'rep.east1');
    expect(reused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const list = await h.graphql<{ opportunities: { totalCount: number } }>(
      `{ opportunities(filter: { accountId: "${accountId}" }) { totalCount } }`,
      {},
      'rep.east1',
    );
    expect(list.data?.opportunities.totalCount).toBe(2);
  });

  it('leave every change in the hash-chained audit log, which auditors read and reps do not', async () => {
    const trail = `{ salesAuditTrail(entityType: "opportunity", first: 50) { edges { node { action entityId details } } } }`;
    const audited = await h.graphql<{ salesAuditTrail: { edges: { node: { action: string } }[] } }>(
      trail,
      {},
      'auditor1',
    );
    expect(audited.data?.salesAuditTrail.edges.map((e) => e.node.action)).toContain('opportunity.created');
    const refused = await h.graphql(trail, {}, 'rep.east1');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const chain = await h.graphql<{ salesAuditChainStatus: { ok: boolean; rows: number } }>(
      `{ salesAuditChainStatus { ok rows } }`,
      {},
      'auditor1',
    );
    expect(chain.data?.salesAuditChainStatus).toMatchObject({ ok: true });
    expect(chain.data?.salesAuditChainStatus.rows).toBeGreaterThanOrEqual(3);
  });

  it('are listed for their owner and the account, not for a rep of another team', async () => {
    const query = `{ opportunities { totalCount edges { node { name } } } }`;
    const mine = await h.graphql<{ opportunities: { totalCount: number } }>(query, {}, 'rep.east1');
    expect(mine.data?.opportunities.totalCount).toBe(2);
    const theirs = await h.graphql<{ opportunities: { totalCount: number } }>(query, {}, 'rep.south1');
    expect(theirs.data?.opportunities.totalCount).toBe(0);
  });
});
