import { systemActor } from '@crm/platform/auth';
import { describeWithKeycloak, eventually } from '@crm/testing';
import { handOverTicketsOfLeaver } from '../src/application/ticket-handover';
import { assign, assignedEvents, auditActions, defineServiceRule } from './assignment-fixtures';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

const offboard = `mutation($userId: ID!) { offboardUser(userId: $userId) { handovers { teamId newOwnerId } } }`;
const readAccount = `query($id: ID!) { account(id: $id) { id name } }`;

interface Row {
  agent_id: string | null;
  status: string;
  account_id: string;
}

describeWithKeycloak('tickets of offboarded agents and merged accounts', () => {
  let h: TicketHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startTicketHarness('ticket_handover');
    accountId = await h.createAccount('Dalian Harbour Cranes');
  }, 120_000);
  afterAll(() => h?.stop());

  const row = async (id: string): Promise<Row> =>
    (
      await h.app.services.dataSource.query<Row[]>(`SELECT agent_id, status, account_id FROM tickets WHERE id = $1`, [
        id,
      ])
    )[0]!;
  const assignTo = async (username: string) => {
    const ticket = await h.createTicket({ accountId });
    await h.graphql(assign, { id: ticket.id, agentId: await h.userId(username) }, 'service.manager');
    return ticket.id;
  };

  it('go to the successor the offboarding names for the team, status kept; the leaver leaves the rules', async () => {
    const [leaver, manager] = [await h.userId('agent2'), await h.userId('service.manager')];
    const ruleId = await defineServiceRule(h, {
      members: [{ agentId: await h.userId('agent1') }, { agentId: leaver }],
    });
    const assigned = await assignTo('agent2');
    const working = await assignTo('agent2');
    await h.graphql(`mutation($id: ID!) { changeTicketStatus(id: $id, status: IN_PROGRESS) { id } }`, { id: working });
    const resolved = await assignTo('agent2');
    await h.graphql(
      `mutation($id: ID!) { changeTicketStatus(id: $id, status: RESOLVED,
         resolution: { summary: "Replaced the cable", rootCauseCategory: "other" }) { id } }`,
      { id: resolved },
    );
    const res = await h.customer.graphql(offboard, { userId: leaver }, 'admin1');
    expect(res.errors).toBeUndefined();
    await eventually(
      () => row(working),
      (r) => r.agent_id === manager,
    );
    expect(await row(assigned)).toMatchObject({ agent_id: manager, status: 'assigned' });
    expect(await row(working)).toMatchObject({ agent_id: manager, status: 'in_progress' });
    expect(await row(resolved)).toMatchObject({ agent_id: leaver, status: 'resolved' });
    expect((await assignedEvents(h.app.services, working)).slice(-1)).toEqual([
      expect.objectContaining({ agentId: manager, previousAgentId: leaver }),
    ]);
    expect(await auditActions(h.app.services, working)).toContain('ticket.handed_over');
    const rules = await h.graphql<{
      ticketAssignmentRules: { edges: { node: { members: { agentId: string }[] } }[] };
    }>(`{ ticketAssignmentRules { edges { node { members { agentId } } } } }`);
    expect(rules.data?.ticketAssignmentRules.edges[0]?.node.members).toEqual([{ agentId: await h.userId('agent1') }]);
    expect(await auditActions(h.app.services, ruleId)).toContain('ticket_assignment_rule.member_removed');
  });

  it('go back to the queue when the team names no successor, announced without an agent', async () => {
    const leaver = await h.userId('service.manager');
    const ticket = await assignTo('service.manager');
    const res = await h.customer.graphql(offboard, { userId: leaver }, 'admin1');
    expect(res.data).toEqual({ offboardUser: { handovers: [{ teamId: 'service', newOwnerId: null }] } });
    const back = await eventually(
      () => row(ticket),
      (r) => r.agent_id === null,
    );
    expect(back.status).toBe('new');
    expect((await assignedEvents(h.app.services, ticket)).slice(-1)).toEqual([
      expect.objectContaining({ agentId: '', previousAgentId: leaver }),
    ]);
    const history = await h.app.services.dataSource.query<{ to_status: string; reason: string }[]>(
      `SELECT to_status, reason FROM ticket_status_history WHERE ticket_id = $1 ORDER BY id DESC LIMIT 1`,
      [ticket],
    );
    expect(history).toEqual([{ to_status: 'new', reason: 'agent offboarded' }]);
    // Delivered again (the inbox would drop it; the state guard alone also moves nothing).
    const again = await h.app.services.dataSource.transaction((tx) =>
      handOverTicketsOfLeaver(tx, h.app.services.workflow, systemActor('redelivery'), {
        userId: leaver,
        teams: new Map(),
        eventId: 'redelivered',
      }),
    );
    expect(again).toBe(0);
  });

  it('of a merged account move to the winner, announced so the agent reads the winner', async () => {
    const winnerId = await h.createAccount('Dalian Harbour Cranes Group', 'rep.south1');
    const loserId = await h.createAccount('Dalian Harbour Cranes (dup)', 'rep.south1');
    const ticket = await h.createTicket({ accountId: loserId });
    await h.graphql(assign, { id: ticket.id, agentId: await h.userId('agent1') }, 'agent1');
    const merged = await h.customer.graphql(
      `mutation($input: MergeAccountsInput!) { mergeAccounts(input: $input) { id } }`,
      { input: { winnerId, loserId } },
      'admin1',
    );
    expect(merged.errors).toBeUndefined();
    await eventually(
      () => row(ticket.id),
      (r) => r.account_id === winnerId,
    );
    expect(await auditActions(h.app.services, ticket.id)).toContain('ticket.account_merged');
    expect((await assignedEvents(h.app.services, ticket.id)).slice(-1)).toEqual([
      expect.objectContaining({ accountId: winnerId, agentId: await h.userId('agent1') }),
    ]);
    await h.app.flushOutbox(10_000);
    const name = await eventually(
      async () =>
        (await h.customer.graphql<{ account: { name: string } | null }>(readAccount, { id: winnerId }, 'agent1')).data
          ?.account?.name,
      (n) => n === 'Dalian Harbour Cranes Group',
    );
    expect(name).toBe('Dalian Harbour Cranes Group');
  });
});
