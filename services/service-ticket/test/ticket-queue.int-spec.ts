import { describeWithKeycloak } from '@crm/testing';
import { SlaQueueMarks1765100000000 } from '../src/db/migrations/1765100000000-sla-queue-marks';
import { defaultPolicyAroundTheClock, ok, shiftTicketBack } from './sla-test-support';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

const note = `mutation($id: ID!) { addTicketMessage(ticketId: $id, kind: NOTE, body: "Checked") { id } }`;
const queue = `query($filter: TicketFilter, $sort: TicketSort, $first: Int, $after: String) {
  tickets(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    edges { node { subject teamId queue { __typename id } agent { id } sla { state nextDeadline nextDeadlineKind firstResponse { atRisk breached } } } }
  }
}`;

interface QueueNode {
  subject: string;
  teamId: string;
  queue: { __typename: string; id: string } | null;
  agent: { id: string } | null;
  sla: {
    state: string;
    nextDeadline: string | null;
    nextDeadlineKind: string | null;
    firstResponse: { atRisk: boolean; breached: boolean };
  } | null;
}
interface QueuePage {
  tickets: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    edges: { node: QueueNode }[];
  };
}

describeWithKeycloak('the ticket queue of an agent’s day', () => {
  let h: TicketHarness;
  const numbers = new Map<string, string>();

  /** Every ticket of the list one per page, in the order the pages give them, and the first page's totalCount. */
  async function walk(filter: Record<string, unknown>, sort?: string): Promise<{ nodes: QueueNode[]; total: number }> {
    const nodes: QueueNode[] = [];
    let after: string | null = null;
    let total = -1;
    for (;;) {
      const page: QueuePage = await ok<QueuePage>(h, queue, { filter, sort, first: 1, after }, 'agent1');
      if (total < 0) total = page.tickets.totalCount;
      nodes.push(...page.tickets.edges.map((e) => e.node));
      if (!page.tickets.pageInfo.hasNextPage) return { nodes, total };
      after = page.tickets.pageInfo.endCursor;
    }
  }
  const subjects = (nodes: QueueNode[]) => nodes.map((n) => n.subject);

  beforeAll(async () => {
    h = await startTicketHarness('ticket_queue');
    const accountId = await h.createAccount('Wuxi Compressors Ltd.');
    await defaultPolicyAroundTheClock(h, 'Queue', { firstResponse: 60, nextResponse: 120, resolution: 480 });
    // Created in this order, so newest first is the reverse: Not yet clocked, Fresh, At risk, Breached.
    for (const [subject, minutesAgo] of [
      ['Breached pump', 130],
      ['At risk valve', 50],
      ['Fresh boiler', 0],
      ['Not yet clocked fan', 0],
    ] as const) {
      const ticket = await h.createTicket({ accountId, subject });
      numbers.set(subject, ticket.number);
      if (minutesAgo) {
        await shiftTicketBack(h, ticket.id, minutesAgo);
        await ok(h, note, { id: ticket.id }, 'agent1'); // recomputes its clock
      }
      if (subject === 'Fresh boiler') {
        await ok(h, `mutation($id: ID!, $a: ID) { assignTicket(id: $id, agentId: $a) { id } }`, {
          id: ticket.id,
          a: await h.userId('agent1'),
        });
      }
      if (subject.startsWith('Not yet clocked')) {
        // As before the SLA engine has seen it (TicketSla is null only then).
        await h.app.services.dataSource.query(`DELETE FROM ticket_sla WHERE ticket_id = $1`, [ticket.id]);
      }
    }
  }, 120_000);
  afterAll(() => h?.stop());

  it('sorts by the soonest SLA deadline, tickets without one last, page after page', async () => {
    const { nodes, total } = await walk({}, 'NEXT_DEADLINE');
    expect(total).toBe(4);
    expect(subjects(nodes)).toEqual(['Breached pump', 'At risk valve', 'Fresh boiler', 'Not yet clocked fan']);
    const deadlines = nodes.map((n) => n.sla?.nextDeadline ?? null);
    expect(deadlines[3]).toBeNull();
    expect([...deadlines.slice(0, 3)].sort()).toEqual(deadlines.slice(0, 3));
    expect(subjects((await walk({})).nodes)).toEqual([
      'Not yet clocked fan',
      'Fresh boiler',
      'At risk valve',
      'Breached pump',
    ]);
  });

  it('says where each SLA stands, which target is due next, and filters by it with a matching totalCount', async () => {
    const { nodes } = await walk({}, 'NEXT_DEADLINE');
    expect(
      nodes.map((n) => n.sla && { state: n.sla.state, kind: n.sla.nextDeadlineKind, ...n.sla.firstResponse }),
    ).toEqual([
      { state: 'BREACHED', kind: 'FIRST_RESPONSE', atRisk: false, breached: true },
      { state: 'AT_RISK', kind: 'FIRST_RESPONSE', atRisk: true, breached: false },
      { state: 'ON_TRACK', kind: 'FIRST_RESPONSE', atRisk: false, breached: false },
      null,
    ]);
    const nearOrPast = await walk({ slaStates: ['AT_RISK', 'BREACHED'] }, 'NEXT_DEADLINE');
    expect(nearOrPast).toMatchObject({ total: 2 });
    expect(subjects(nearOrPast.nodes)).toEqual(['Breached pump', 'At risk valve']);
    expect(subjects((await walk({ slaStates: ['ON_TRACK'] })).nodes)).toEqual(['Not yet clocked fan', 'Fresh boiler']);
    expect((await walk({ slaStates: ['BREACHED'], openOnly: true })).total).toBe(1);
  });

  it('searches the number or the subject, case-insensitively', async () => {
    expect(subjects((await walk({ search: 'VALVE' })).nodes)).toEqual(['At risk valve']);
    const number = numbers.get('Fresh boiler')!;
    expect(await walk({ search: number.toLowerCase() })).toMatchObject({ total: 1 });
    expect((await walk({ search: '%' })).total).toBe(0);
  });

  it('names the agent working a ticket as a User, and none for a queued one', async () => {
    const { nodes } = await walk({ search: 'boiler' });
    expect(nodes[0]?.agent).toEqual({ id: await h.userId('agent1') });
    expect((await walk({ search: 'valve' })).nodes[0]?.agent).toBeNull();
  });

  it('names each ticket’s queue as a Team the customer subgraph resolves by its id', async () => {
    const { nodes } = await walk({});
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.queue).toEqual({ __typename: 'Team', id: node.teamId });
  });

  it('keeps its order and standings for clocks stored before the queue columns (the migration backfills them)', async () => {
    const before = [await walk({}, 'NEXT_DEADLINE'), await walk({ slaStates: ['AT_RISK', 'BREACHED'] })];
    const migration = new SlaQueueMarks1765100000000();
    const runner = h.app.services.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect([await walk({}, 'NEXT_DEADLINE'), await walk({ slaStates: ['AT_RISK', 'BREACHED'] })]).toEqual(before);
  });

  it('refuses a cursor of the other sort, an empty slaStates and a blank search, naming the field', async () => {
    const newest = await ok<QueuePage>(h, queue, { first: 1 }, 'agent1');
    for (const [variables, field] of [
      [{ sort: 'NEXT_DEADLINE', after: newest.tickets.pageInfo.endCursor }, 'after'],
      [{ filter: { slaStates: [] } }, 'filter.slaStates'],
      [{ filter: { search: ' ' } }, 'filter.search'],
    ] as const) {
      const res = await h.graphql(queue, variables, 'agent1');
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});
