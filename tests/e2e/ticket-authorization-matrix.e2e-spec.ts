import { Client } from 'pg';
import { demoUser, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';
import { graphqlClient, type GraphQLBody } from './gateway-client';

// The authorization matrix of issue 9 for tickets: each caller × the caller's relation to a ticket × each operation,
// through the gateway. Expected answers are written out by hand from docs/security.md ("Tickets"): agents work their
// own tickets and their teams' queues; service managers their teams' tickets; sales staff read (only) the tickets of
// accounts they may read; auditors read all; crm-admin all; finance has no access to tickets. Deleting is for the
// team's service managers and crm-admin. Nothing here calls the policy code. The operation-level rows (who may call
// an operation at all) are in services/service-ticket/test/operation-policy.int-spec.ts.

/**
 * The tickets, by what they are to agent1 (team `service`). NEUTRAL is an account of rep.south2 (sales-south), which
 * no sales caller here may read; agent1 reads it as the agent of its OWN ticket (the customer service's projection).
 *
 * | ticket      | account              | queue     | agent  |
 * | ----------- | -------------------- | --------- | ------ |
 * | OWN         | NEUTRAL              | service   | agent1 |
 * | QUEUE       | NEUTRAL              | service   | none   |
 * | OTHER_QUEUE | NEUTRAL              | support-b | none   |
 * | EAST        | rep.east1's (east)   | support-b | none   |
 * | SOUTH       | rep.south1's (south) | support-b | none   |
 */
const TICKETS = ['OWN', 'QUEUE', 'OTHER_QUEUE', 'EAST', 'SOUTH'] as const;
type Ticket = (typeof TICKETS)[number];
const CALLERS = [
  'rep.east1',
  'manager.east',
  'agent1',
  'agent2',
  'service.manager',
  'finance1',
  'auditor1',
  'admin1',
] as const;
type Caller = (typeof CALLERS)[number];

// The operations, each on a fresh ticket of the relation when it changes something (so no case depends on another):
// ticket(id): ALLOWED / FORBIDDEN. tickets(filter: accountId): LISTED / NOT LISTED / FORBIDDEN. Account.tickets (the
// federated join): LISTED / NOT LISTED / ACCOUNT REFUSED (the customer service refuses the account) / FORBIDDEN.
// updateTicket (the subject); changeTicketStatus to IN_PROGRESS; assignTicket to the caller themselves ("take it");
// deleteTicket with a reason: ALLOWED / FORBIDDEN / the refusal of a caller the row rules let in, as
// `<code> <rule>` (a new ticket cannot move to IN_PROGRESS; only a member of the ticket's team may hold it).
const OPS = [
  'ticket',
  'tickets',
  'Account.tickets',
  'updateTicket',
  'changeTicketStatus',
  'assignTicket',
  'deleteTicket',
];
type Op = (typeof OPS)[number];

const A = 'ALLOWED';
const F = 'FORBIDDEN';
const L = 'LISTED';
const NL = 'NOT LISTED';
const AR = 'ACCOUNT REFUSED';
/** A new ticket has no agent: it goes to ASSIGNED first. */
const NEW = 'FAILED_PRECONDITION transition';
/** Taking a ticket needs membership of its team (crm-admin is in none). */
const TEAM = 'BAD_USER_INPUT team_member';

// prettier-ignore
const EXPECTED: Record<Caller, Record<Ticket, string[]>> = {
  //                 ticket tickets Account.tickets update status take delete
  // Sales staff read the tickets of the accounts they may read, and change none (the operations refuse them).
  'rep.east1': {
    OWN:         [F, NL, AR, F, F, F, F],
    QUEUE:       [F, NL, AR, F, F, F, F],
    OTHER_QUEUE: [F, NL, AR, F, F, F, F],
    EAST:        [A, L,  L,  F, F, F, F],
    SOUTH:       [F, NL, AR, F, F, F, F],
  },
  'manager.east': {
    OWN:         [F, NL, AR, F, F, F, F],
    QUEUE:       [F, NL, AR, F, F, F, F],
    OTHER_QUEUE: [F, NL, AR, F, F, F, F],
    EAST:        [A, L,  L,  F, F, F, F],
    SOUTH:       [F, NL, AR, F, F, F, F],
  },
  // An agent works their own tickets and their team's queue; reads the account of their own ticket (so sees the
  // other tickets of that account they may see); never deletes.
  agent1: {
    OWN:         [A, L,  L,  A, A,   A, F],
    QUEUE:       [A, L,  L,  A, NEW, A, F],
    OTHER_QUEUE: [F, NL, NL, F, F,   F, F],
    EAST:        [F, NL, AR, F, F,   F, F],
    SOUTH:       [F, NL, AR, F, F,   F, F],
  },
  // A teammate: the team's queue includes agent1's ticket, which they work but may not take from agent1; no ticket of
  // agent2's opens the account to them.
  agent2: {
    OWN:         [A, L,  AR, A, A,   F, F],
    QUEUE:       [A, L,  AR, A, NEW, A, F],
    OTHER_QUEUE: [F, NL, AR, F, F,   F, F],
    EAST:        [F, NL, AR, F, F,   F, F],
    SOUTH:       [F, NL, AR, F, F,   F, F],
  },
  // The service team's manager: every ticket of the team, deleting included, and the accounts of those tickets (the
  // customer service's ticket projection); not other teams' queues.
  'service.manager': {
    OWN:         [A, L,  L,  A, A,   A, A],
    QUEUE:       [A, L,  L,  A, NEW, A, A],
    OTHER_QUEUE: [F, NL, NL, F, F,   F, F],
    EAST:        [F, NL, AR, F, F,   F, F],
    SOUTH:       [F, NL, AR, F, F,   F, F],
  },
  // Finance has no access to tickets; its account pages still load (the join lists none).
  finance1: {
    OWN:         [F, F, NL, F, F, F, F],
    QUEUE:       [F, F, NL, F, F, F, F],
    OTHER_QUEUE: [F, F, NL, F, F, F, F],
    EAST:        [F, F, NL, F, F, F, F],
    SOUTH:       [F, F, NL, F, F, F, F],
  },
  auditor1: {
    OWN:         [A, L, L, F, F, F, F],
    QUEUE:       [A, L, L, F, F, F, F],
    OTHER_QUEUE: [A, L, L, F, F, F, F],
    EAST:        [A, L, L, F, F, F, F],
    SOUTH:       [A, L, L, F, F, F, F],
  },
  admin1: {
    OWN:         [A, L, L, A, A,   TEAM, A],
    QUEUE:       [A, L, L, A, NEW, TEAM, A],
    OTHER_QUEUE: [A, L, L, A, NEW, TEAM, A],
    EAST:        [A, L, L, A, NEW, TEAM, A],
    SOUTH:       [A, L, L, A, NEW, TEAM, A],
  },
};

interface Case {
  name: string;
  caller: Caller;
  ticket: Ticket;
  op: Op;
  expected: string;
}

// Reads first: the changes run on fresh tickets, but taking one opens its account to the taker.
const CASES: Case[] = [0, 1, 2, 3, 4, 5, 6].flatMap((i) =>
  CALLERS.flatMap((caller) =>
    TICKETS.map((ticket) => ({
      name: `${caller} · ${ticket} · ${OPS[i]!} → ${EXPECTED[caller][ticket][i]!}`,
      caller,
      ticket,
      op: OPS[i]!,
      expected: EXPECTED[caller][ticket][i]!,
    })),
  ),
);

const Q = {
  createAccount: `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
  createTicket: `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
  read: `query($id: ID!) { ticket(id: $id) { id } }`,
  list: `query($accountId: ID!) { tickets(filter: { accountId: $accountId }, first: 100) { edges { node { id } } } }`,
  accountTickets: `query($id: ID!) { account(id: $id) { id tickets(first: 100) { edges { node { id } } } } }`,
  update: `mutation($id: ID!, $subject: String!) { updateTicket(id: $id, input: { subject: $subject }) { subject } }`,
  status: `mutation($id: ID!) { changeTicketStatus(id: $id, status: IN_PROGRESS) { status } }`,
  assign: `mutation($id: ID!, $agentId: ID) { assignTicket(id: $id, agentId: $agentId) { agentId } }`,
  delete: `mutation($id: ID!) { deleteTicket(id: $id, reason: "opened twice") }`,
};

/** ALLOWED, FORBIDDEN, or `<code> <rule>` of another refusal. */
function outcome(body: GraphQLBody<unknown>): string {
  const error = body.errors?.[0];
  if (!error) return A;
  const code = String(error.extensions?.code);
  if (code === 'FORBIDDEN') return F;
  const violations = error.extensions?.violations as { rule?: string }[] | undefined;
  const rule = violations?.[0]?.rule ?? (error.extensions?.rule as string | undefined);
  return rule ? `${code} ${rule}` : `${code}: ${error.message}`;
}

describe('who may do what with a ticket, through the gateway', () => {
  let stack: Stack;
  const client = graphqlClient(() => stack.urls.gateway);
  const accounts = {} as Record<'NEUTRAL' | 'EAST' | 'SOUTH', string>;
  const fixtures = {} as Record<Ticket, string>;
  const id = (user: string) => demoUser(user).id;

  /** A new ticket of the relation, opened (and taken) as it would be in real life. */
  async function openTicket(ticket: Ticket, subject: string): Promise<string> {
    const [account, queue] =
      ticket === 'EAST' || ticket === 'SOUTH'
        ? [accounts[ticket], 'support-b']
        : [accounts.NEUTRAL, ticket === 'OTHER_QUEUE' ? 'support-b' : 'service'];
    const opener = queue === 'service' ? 'agent1' : 'admin1';
    const created = await client.must<{ createTicket: { id: string } }>(opener, Q.createTicket, {
      input: { accountId: account, subject, channel: 'PHONE', category: 'hardware', teamId: queue },
    });
    const ticketId = created.createTicket.id;
    if (ticket === 'OWN') await client.must('agent1', Q.assign, { id: ticketId, agentId: id('agent1') });
    return ticketId;
  }

  beforeAll(async () => {
    stack = await startE2eStack('ticket_matrix');
    for (const [key, owner, team] of [
      ['NEUTRAL', 'rep.south2', 'sales-south'],
      ['EAST', 'rep.east1', 'sales-east'],
      ['SOUTH', 'rep.south1', 'sales-south'],
    ] as const) {
      const created = await client.must<{ createAccount: { account: { id: string } } }>('admin1', Q.createAccount, {
        input: {
          account: { name: `Ticket Matrix ${key} Ltd`, ownerId: id(owner), teamId: team },
          duplicatePolicy: 'OVERRIDE',
        },
      });
      accounts[key] = created.createAccount.account.id;
    }
    for (const ticket of TICKETS) fixtures[ticket] = await openTicket(ticket, `Matrix ${ticket}`);
    // The ticket service learns the accounts' owners, the customer service agent1's ticket, from each other's events.
    const customerDb = new Client({ connectionString: stack.databases.customer });
    const ticketDb = new Client({ connectionString: stack.databases['service-ticket'] });
    await Promise.all([customerDb.connect(), ticketDb.connect()]);
    try {
      const deadline = Date.now() + 30_000;
      const settled = async () => {
        const facts = await ticketDb.query('SELECT 1 FROM account_facts WHERE account_id = ANY($1::uuid[])', [
          Object.values(accounts),
        ]);
        const agent = await customerDb.query('SELECT 1 FROM ticket_accounts WHERE ticket_id = $1 AND agent_id = $2', [
          fixtures.OWN,
          id('agent1'),
        ]);
        return facts.rowCount === 3 && agent.rowCount === 1;
      };
      while (!(await settled())) {
        if (Date.now() > deadline) throw new Error('the services did not apply each other’s events');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await Promise.all([customerDb.end(), ticketDb.end()]);
    }
  }, 300_000);
  afterAll(() => stack?.stop());

  async function run(c: Case): Promise<string> {
    const as = c.caller;
    switch (c.op) {
      case 'ticket': {
        const body = await client.gql<{ ticket: { id: string } | null }>(as, Q.read, { id: fixtures[c.ticket] });
        if (!body.errors) expect(body.data?.ticket?.id).toBe(fixtures[c.ticket]);
        return outcome(body);
      }
      case 'tickets': {
        const accountId = c.ticket === 'EAST' || c.ticket === 'SOUTH' ? accounts[c.ticket] : accounts.NEUTRAL;
        const body = await client.gql<{ tickets: { edges: { node: { id: string } }[] } }>(as, Q.list, { accountId });
        if (body.errors) return outcome(body);
        return body.data!.tickets.edges.some((e) => e.node.id === fixtures[c.ticket]) ? L : NL;
      }
      case 'Account.tickets': {
        const accountId = c.ticket === 'EAST' || c.ticket === 'SOUTH' ? accounts[c.ticket] : accounts.NEUTRAL;
        const body = await client.gql<{ account: { tickets: { edges: { node: { id: string } }[] } } | null }>(
          as,
          Q.accountTickets,
          { id: accountId },
        );
        // The customer service refuses the account itself (path ['account']); a refusal of the ticket subgraph's
        // join nulls the account too (tickets is non-null), but it is the join's FORBIDDEN.
        const customerRefused = body.errors?.some((e) => e.path?.length === 1 && e.path[0] === 'account');
        if (customerRefused || (!body.errors && !body.data?.account)) return AR;
        if (body.errors?.length) return outcome(body);
        if (!body.data?.account) return AR;
        return body.data.account.tickets.edges.some((e) => e.node.id === fixtures[c.ticket]) ? L : NL;
      }
      case 'updateTicket': {
        const subject = `Renamed by ${as}`;
        const body = await client.gql<{ updateTicket: { subject: string } }>(as, Q.update, {
          id: await openTicket(c.ticket, `Update ${c.ticket} by ${as}`),
          subject,
        });
        if (!body.errors) expect(body.data?.updateTicket.subject).toBe(subject);
        return outcome(body);
      }
      case 'changeTicketStatus': {
        const body = await client.gql<{ changeTicketStatus: { status: string } }>(as, Q.status, {
          id: await openTicket(c.ticket, `Status ${c.ticket} by ${as}`),
        });
        if (!body.errors) expect(body.data?.changeTicketStatus.status).toBe('IN_PROGRESS');
        return outcome(body);
      }
      case 'assignTicket': {
        const body = await client.gql<{ assignTicket: { agentId: string } }>(as, Q.assign, {
          id: await openTicket(c.ticket, `Take ${c.ticket} by ${as}`),
          agentId: id(as),
        });
        if (!body.errors) expect(body.data?.assignTicket.agentId).toBe(id(as));
        return outcome(body);
      }
      case 'deleteTicket': {
        const ticketId = await openTicket(c.ticket, `Delete ${c.ticket} by ${as}`);
        const body = await client.gql<{ deleteTicket: boolean }>(as, Q.delete, { id: ticketId });
        if (!body.errors) {
          expect(body.data?.deleteTicket).toBe(true);
          const after = await client.gql<{ ticket: null }>('admin1', Q.read, { id: ticketId });
          expect(after.data?.ticket).toBeNull();
        }
        return outcome(body);
      }
    }
    throw new Error(`no runner for ${c.op}`);
  }

  it.each(CASES)('$name', async (c) => {
    expect(await run(c)).toBe(c.expected);
  });

  it(`has ${CASES.length} cases: every caller × ticket × operation`, () => {
    expect(CASES).toHaveLength(CALLERS.length * TICKETS.length * OPS.length);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });
});
