import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { describeWithKeycloak } from '@crm/testing';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

// Account.tickets and Account.openComplaintCount as the gateway asks for them: one _entities call carrying a page of
// account references. Each field costs a fixed number of statements however many accounts the page holds.

const PAGE_OF_ACCOUNTS = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Account { id tickets(first: 2) { totalCount edges { node { number subject } } } openComplaintCount }
  }
}`;
const RESOLVE = `mutation($id: ID!, $status: TicketStatus!, $resolution: TicketResolutionInput) {
  changeTicketStatus(id: $id, status: $status, resolution: $resolution) { status } }`;

interface AccountPage {
  _entities: {
    id: string;
    tickets: { totalCount: number; edges: { node: { number: string; subject: string } }[] };
    openComplaintCount: number;
  }[];
}

/** Counts the SQL statements that read tickets, over everything the service runs meanwhile. */
async function ticketStatements<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query'); // calls through, recording each statement
  try {
    const result = await run();
    const statements = spy.mock.calls.filter(([sql]) => /\btickets\b/.test(sql)).length;
    return { result, statements };
  } finally {
    spy.mockRestore();
  }
}

describeWithKeycloak('Account.tickets and Account.openComplaintCount resolve a page of accounts in batches', () => {
  let h: TicketHarness;
  const accounts: string[] = [];

  beforeAll(async () => {
    h = await startTicketHarness('ticket_graphql_batching');
    const agent1 = await h.userId('agent1');
    for (let i = 0; i < 8; i++) {
      const accountId = await h.createAccount(`Batch Service Co ${i}`);
      accounts.push(accountId);
      // Account i: i % 3 open complaints, one ordinary ticket, and on account 0 a complaint already resolved.
      for (let c = 0; c < i % 3; c++)
        await h.createTicket({ accountId, subject: `投诉 ${i}.${c}: 发票金额错误`, complaint: true, priority: 'HIGH' });
      await h.createTicket({ accountId, subject: `Question ${i}` });
    }
    const done = await h.createTicket({ accountId: accounts[0], subject: 'Resolved complaint', complaint: true });
    await h.graphql(`mutation($id: ID!, $a: ID) { assignTicket(id: $id, agentId: $a) { id } }`, {
      id: done.id,
      a: agent1,
    });
    const resolved = await h.graphql<{ changeTicketStatus: { status: string } }>(
      RESOLVE,
      { id: done.id, status: 'RESOLVED', resolution: { summary: 'Refunded', rootCauseCategory: 'other' } },
      'agent1',
    );
    expect(resolved.data?.changeTicketStatus.status).toBe('RESOLVED');
    // A complaint in another team's queue: agent1 does not see it, crm-admin does.
    await h.createTicket(
      { accountId: accounts[1], subject: 'Other queue', complaint: true, teamId: 'support-b' },
      'admin1',
    );
  }, 180_000);
  afterAll(() => h?.stop());

  async function page(size: number, as = 'agent1') {
    const r = accounts.slice(0, size).map((id) => ({ __typename: 'Account', id }));
    return ticketStatements(() => h.graphql<AccountPage>(PAGE_OF_ACCOUNTS, { r }, as));
  }

  it('gives each account its own tickets and the open complaints the caller may see', async () => {
    const { result } = await page(8);
    expect(result.errors).toBeUndefined();
    const nodes = result.data!._entities;
    expect(nodes.map((n) => n.id)).toEqual(accounts);
    expect(nodes.map((n) => n.openComplaintCount)).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    expect(nodes.map((n) => n.tickets.totalCount)).toEqual([2, 2, 3, 1, 2, 3, 1, 2]);
    expect(nodes[2]!.tickets.edges.map((e) => e.node.subject)).toEqual(['Question 2', '投诉 2.1: 发票金额错误']);
    const admin = await page(2, 'admin1');
    expect(admin.result.data!._entities.map((n) => n.openComplaintCount)).toEqual([0, 2]);
  });

  it('costs the same statements for a page of 8 accounts as for a page of 2', async () => {
    const small = await page(2);
    const large = await page(8);
    expect(large.result.data!._entities).toHaveLength(8);
    expect(large.statements).toBe(small.statements);
    // The tickets' page, their counts and the open complaints: one statement each.
    expect(large.statements).toBe(3);
  });
});
