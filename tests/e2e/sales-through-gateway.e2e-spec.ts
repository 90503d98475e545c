import { Client } from 'pg';
import { demoUser, freePort, freeStackPorts, type Stack } from '@crm/testing';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { startE2eStack } from './e2e-stack';
import { subgraphCost } from './subgraph-cost';
import { graphqlClient } from './gateway-client';

// The federated joins between the customer and sales-pipeline subgraphs, through the gateway of the deployed stack:
// Account.opportunities is resolved for a whole page of accounts in one call to the sales subgraph and a fixed number
// of SQL statements, and Opportunity.account never carries an account the caller may not read.

const MARKER = 'e2e-sales-join';
const PAGE = `query($tags: [String!], $first: Int!) {
  accounts(filter: { tags: $tags }, first: $first) {
    edges { node { id name opportunities(first: 5) { totalCount edges { node { id name stage { name } } } } } }
  }
}`;
const stages = [
  { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE' },
  { name: 'Proposal', kind: 'OPEN', probability: '40', forecastCategory: 'BEST_CASE' },
  { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
  { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
];

interface PageOfAccounts {
  accounts: {
    edges: {
      node: {
        id: string;
        opportunities: { totalCount: number; edges: { node: { id: string; name: string; stage: { name: string } } }[] };
      };
    }[];
  };
}

describe('the sales subgraph joined to accounts through the gateway', () => {
  let stack: Stack;
  let proxy: CountingProxy;
  let salesDb: Client;
  const client = graphqlClient(() => stack.urls.gateway);

  beforeAll(async () => {
    const ports = await freeStackPorts();
    const sales = ports.services['sales-pipeline']!;
    proxy = await startCountingProxy(await freePort(), () => `http://127.0.0.1:${sales.http}/graphql`);
    stack = await startE2eStack('sales_join', { ports, subgraphUrls: { 'sales-pipeline': proxy.url } });
    salesDb = new Client({ connectionString: stack.databases['sales-pipeline'] });
    await salesDb.connect();
    await salesDb.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

    await client.must('admin1', `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id } }`, {
      input: { name: 'Enterprise software', businessLine: 'Software', isDefault: true, stages },
    });
    for (let i = 0; i < 50; i++) {
      const created = await client.must<{ createAccount: { account: { id: string } } }>(
        'rep.east1',
        `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
        { input: { account: { name: `Join Trading ${i} Co., Ltd.`, tags: [MARKER] }, duplicatePolicy: 'OVERRIDE' } },
      );
      for (const deal of ['Licences', 'Support']) {
        await client.must(
          'rep.east1',
          `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
          {
            input: {
              name: `${deal} ${i}`,
              accountId: created.createAccount.account.id,
              amount: '1000',
              currency: 'CNY',
            },
          },
        );
      }
    }
  }, 300_000);
  afterAll(async () => {
    await salesDb?.end();
    await stack?.stop();
    await proxy?.close();
  });

  /** The statements the database ran meanwhile that name its lists (its own jobs touch none of them). */
  const salesStatements = <T>(run: () => Promise<T>) =>
    subgraphCost(
      salesDb,
      proxy,
      ['opportunities', 'account_facts', 'account_grant_facts', 'pipeline_stages', 'pipelines'],
      run,
    );

  it('resolves Account.opportunities for a page of 50 accounts in one subgraph call and a fixed number of statements', async () => {
    const small = await salesStatements(() =>
      client.gql<PageOfAccounts>('rep.east1', PAGE, { tags: [MARKER], first: 5 }),
    );
    const full = await salesStatements(() =>
      client.gql<PageOfAccounts>('rep.east1', PAGE, { tags: [MARKER], first: 50 }),
    );
    expect(full.result.errors).toBeUndefined();
    const accounts = full.result.data!.accounts.edges.map((e) => e.node);
    expect(accounts).toHaveLength(50);
    for (const account of accounts) {
      expect(account.opportunities.totalCount).toBe(2);
      expect(account.opportunities.edges.map((e) => e.node.stage.name)).toEqual(['Qualification', 'Qualification']);
    }
    expect(full.calls).toBe(1);
    expect(small.calls).toBe(1);
    // The same statements for 5 accounts as for 50: nothing runs per account.
    expect(full.statements).toBe(small.statements);
    expect(full.statements).toBeGreaterThan(0);
    expect(full.statements).toBeLessThanOrEqual(4);
  });

  it('resolves Opportunity.account to null, named in extensions.redactedFields, when the caller may not read the account', async () => {
    // The deal is rep.east1's, on an account of the southern team that rep.east1 may not read.
    const account = await client.must<{ createAccount: { account: { id: string } } }>(
      'admin1',
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      {
        input: {
          account: {
            name: 'Guangzhou Southern Secret Holdings',
            ownerId: demoUser('rep.south1').id,
            teamId: 'sales-south',
          },
          duplicatePolicy: 'OVERRIDE',
        },
      },
    );
    const accountId = account.createAccount.account.id;
    const deal = await client.must<{ createOpportunity: { id: string } }>(
      'admin1',
      `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      { input: { name: 'Joint bid', accountId, currency: 'CNY', ownerId: demoUser('rep.east1').id } },
    );
    const dealId = deal.createOpportunity.id;
    const query = `query($id: ID!) { opportunity(id: $id) { id name account { id name ownerId } } }`;

    const hidden = await client.gql<{ opportunity: { id: string; account: unknown } }>('rep.east1', query, {
      id: dealId,
    });
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data?.opportunity).toEqual({ id: dealId, name: 'Joint bid', account: null });
    expect(hidden.extensions?.redactedFields).toContainEqual({ type: 'Opportunity', id: dealId, field: 'account' });
    expect(JSON.stringify(hidden)).not.toContain('Southern Secret');

    const shown = await client.gql<{ opportunity: { account: { id: string; name: string } | null } }>(
      'rep.south1',
      query,
      {
        id: dealId,
      },
    );
    expect(shown.data?.opportunity.account).toMatchObject({
      id: accountId,
      name: 'Guangzhou Southern Secret Holdings',
    });
    expect(shown.extensions?.redactedFields ?? []).not.toContainEqual(expect.objectContaining({ id: dealId }));
  });
});
