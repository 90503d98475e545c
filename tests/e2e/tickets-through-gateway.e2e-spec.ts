import { Client } from 'pg';
import { freePort, freeStackPorts, type Stack } from '@crm/testing';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { startE2eStack } from './e2e-stack';
import { subgraphCost } from './subgraph-cost';
import { graphqlClient } from './gateway-client';

// The federated join between the customer and service-ticket subgraphs, through the gateway of the deployed stack: a
// page of accounts with their tickets and open complaints is one call to the ticket subgraph and a fixed number of SQL
// statements, whatever the page size. The rep reads the tickets of their accounts from the ticket service's projection
// of the customer service's events.

const MARKER = 'e2e-ticket-join';
const PAGE = `query($tags: [String!], $first: Int!) {
  accounts(filter: { tags: $tags }, first: $first) {
    edges { node { id name tickets { totalCount edges { node { number } } } openComplaintCount } }
  }
}`;
const CREATE_TICKET = `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id number } }`;

interface PageOfAccounts {
  accounts: {
    edges: {
      node: {
        id: string;
        tickets: { totalCount: number; edges: { node: { number: string } }[] };
        openComplaintCount: number;
      };
    }[];
  };
}

describe('the ticket subgraph joined to accounts through the gateway', () => {
  let stack: Stack;
  let proxy: CountingProxy;
  let ticketDb: Client;
  const client = graphqlClient(() => stack.urls.gateway);

  beforeAll(async () => {
    const ports = await freeStackPorts();
    const ticket = ports.services['service-ticket']!;
    proxy = await startCountingProxy(await freePort(), () => `http://127.0.0.1:${ticket.http}/graphql`);
    stack = await startE2eStack('ticket_join', { ports, subgraphUrls: { 'service-ticket': proxy.url } });
    ticketDb = new Client({ connectionString: stack.databases['service-ticket'] });
    await ticketDb.connect();
    await ticketDb.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

    for (let i = 0; i < 20; i++) {
      const created = await client.must<{ createAccount: { account: { id: string } } }>(
        'rep.east1',
        `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
        { input: { account: { name: `Ticket Join ${i} Co., Ltd.`, tags: [MARKER] }, duplicatePolicy: 'OVERRIDE' } },
      );
      const accountId = created.createAccount.account.id;
      await client.must('agent1', CREATE_TICKET, {
        input: { accountId, subject: `设备故障 ${i}`, channel: 'PHONE', category: 'hardware' },
      });
      await client.must('agent1', CREATE_TICKET, {
        input: { accountId, subject: `Billing complaint ${i}`, channel: 'EMAIL', category: 'billing', complaint: true },
      });
    }
    // The ticket service learns that rep.east1 owns these accounts from the customer service's events.
    const deadline = Date.now() + 30_000;
    const settled = async () => {
      const body = await client.gql<PageOfAccounts>('rep.east1', PAGE, { tags: [MARKER], first: 20 });
      const nodes = body.data?.accounts.edges.map((e) => e.node) ?? [];
      return nodes.length === 20 && nodes.every((n) => n.tickets.totalCount === 2);
    };
    while (!(await settled())) {
      if (Date.now() > deadline) throw new Error('the ticket service did not learn the accounts from their events');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 300_000);
  afterAll(async () => {
    await ticketDb?.end();
    await stack?.stop();
    await proxy?.close();
  });

  /** The statements the database ran meanwhile that name its lists (its own jobs touch none of them). */
  const ticketStatements = <T>(run: () => Promise<T>) =>
    subgraphCost(ticketDb, proxy, ['tickets', 'account_facts', 'account_grant_facts'], run);

  it('resolves tickets and openComplaintCount for a page of 20 accounts in one subgraph call and fixed statements', async () => {
    const small = await ticketStatements(() =>
      client.gql<PageOfAccounts>('rep.east1', PAGE, { tags: [MARKER], first: 5 }),
    );
    const full = await ticketStatements(() =>
      client.gql<PageOfAccounts>('rep.east1', PAGE, { tags: [MARKER], first: 20 }),
    );
    expect(full.result.errors).toBeUndefined();
    const accounts = full.result.data!.accounts.edges.map((e) => e.node);
    expect(accounts).toHaveLength(20);
    for (const account of accounts) {
      expect(account.tickets.totalCount).toBe(2);
      expect(account.tickets.edges).toHaveLength(2);
      expect(account.tickets.edges[0]!.node.number).toMatch(/^TK-\d{4}-\d{6}$/);
      expect(account.openComplaintCount).toBe(1);
    }
    expect(small.calls).toBe(1);
    expect(full.calls).toBe(1);
    // The same statements for 5 accounts as for 20: nothing runs per account.
    expect(full.statements).toBe(small.statements);
    expect(full.statements).toBeGreaterThan(0);
    expect(full.statements).toBeLessThanOrEqual(3);
  });

  it('counts for a rep of another team no ticket and no complaint of accounts they may not read', async () => {
    const body = await client.gql<{ _entities: { tickets: { totalCount: number }; openComplaintCount: number }[] }>(
      'rep.south1',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { tickets { totalCount } openComplaintCount } } }`,
      {
        r: [
          {
            __typename: 'Account',
            id: (await client.must<PageOfAccounts>('rep.east1', PAGE, { tags: [MARKER], first: 1 })).accounts.edges[0]!
              .node.id,
          },
        ],
      },
      stack.urls['service-ticketGraphql'],
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([{ tickets: { totalCount: 0 }, openComplaintCount: 0 }]);
  });
});
