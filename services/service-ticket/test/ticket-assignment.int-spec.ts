import type { Actor } from '@crm/platform/auth';
import { describeWithKeycloak } from '@crm/testing';
import { pickByRules } from '../src/application/rule-assignment';
import { priorityWeights, type RoutingTicket } from '../src/domain/ticket-assignment';
import { priorities } from '../src/domain/sla-policy';
import {
  assignedEvents,
  auditActions,
  defineRule,
  defineServiceRule,
  deleteAllRules,
  inParallel,
  openTicket,
} from './assignment-fixtures';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

describeWithKeycloak('ticket assignment rules', () => {
  let h: TicketHarness;
  let accountId: string;
  let agent1: string;
  let agent2: string;
  let manager: string;
  let agentActor: Actor;

  beforeAll(async () => {
    h = await startTicketHarness('ticket_assignment_rules');
    accountId = await h.createAccount('Hangzhou Looms Ltd.');
    [agent1, agent2, manager] = await Promise.all(['agent1', 'agent2', 'service.manager'].map((u) => h.userId(u)));
    agentActor = { id: agent1, requestId: 'fairness', roles: ['service-agent'], teams: ['service'] };
  }, 120_000);
  afterAll(() => h?.stop());
  afterEach(() => deleteAllRules(h));

  it('are defined by crm-admin and the team’s service manager, checked, and audited', async () => {
    const id = await defineServiceRule(h, { members: [{ agentId: agent1 }, { agentId: agent2 }] }, 'service.manager');
    expect(await auditActions(h.app.services, id)).toEqual(['ticket_assignment_rule.defined']);
    const foreign = await h.graphql(
      defineRule,
      {
        input: {
          name: 'East',
          position: 1,
          teamId: 'sales-east',
          strategy: 'ROUND_ROBIN',
          members: [{ agentId: agent1 }],
        },
      },
      'service.manager',
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outsider = await h.graphql(
      defineRule,
      {
        input: {
          name: 'Mixed',
          position: 2,
          teamId: 'service',
          strategy: 'LEAST_LOADED',
          members: [{ agentId: await h.userId('rep.east1') }],
        },
      },
      'admin1',
    );
    expect(outsider.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(outsider.errors?.[0]?.extensions)).toContain('input.members[0].agentId');
    expect(JSON.stringify(outsider.errors?.[0]?.extensions)).toContain('team_member');
    const listedByAgent = await h.graphql(`{ ticketAssignmentRules { totalCount } }`, {}, 'agent1');
    expect(listedByAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await h.graphql<{
      ticketAssignmentRules: { edges: { node: { id: string } }[]; totalCount: number };
    }>(`{ ticketAssignmentRules { edges { node { id } } totalCount } }`, {}, 'service.manager');
    expect(listed.data?.ticketAssignmentRules.edges.map((e) => e.node.id)).toEqual([id]);
    expect(listed.data?.ticketAssignmentRules.totalCount).toBe(1);
  });

  it('give a new ticket to the next agent of the first fitting rule, with the skills it needs; announced and audited', async () => {
    await defineServiceRule(h, {
      name: 'Hardware',
      match: { categories: ['Hardware'] },
      members: [{ agentId: agent1 }, { agentId: agent2, skills: ['mandarin'] }],
    });
    const first = await h.createTicket({ accountId });
    expect(first).toMatchObject({ status: 'ASSIGNED', agentId: agent1, version: 2 });
    expect((await h.createTicket({ accountId })).agentId).toBe(agent2);
    expect((await h.createTicket({ accountId, skills: ['Mandarin'] })).agentId).toBe(agent2);
    const unmatched = await h.createTicket({ accountId, category: 'billing' });
    expect(unmatched).toMatchObject({ status: 'NEW', agentId: null });
    expect(await assignedEvents(h.app.services, first.id)).toEqual([
      expect.objectContaining({ agentId: '', previousAgentId: '' }),
      expect.objectContaining({ agentId: agent1, previousAgentId: '', accountId }),
    ]);
    expect(await auditActions(h.app.services, first.id)).toEqual(['ticket.created', 'ticket.auto_assigned']);
  });

  it('deal 1,000 tickets fairly while two replicas assign at once', async () => {
    const replica = await h.startReplica();
    try {
      const members = [agent1, agent2, manager];
      const ruleId = await defineServiceRule(h, { members: members.map((agentId) => ({ agentId })) });
      const both = [h.app.services, replica.app.services];
      // Round robin: 600 picks straight through the rule (no ticket rows: the pointer is all it needs), half on each
      // replica, eight at a time.
      const routing: RoutingTicket = {
        teamId: 'service',
        category: 'hardware',
        priority: 'normal',
        complaint: false,
        skills: [],
      };
      const counts = new Map<string, number>();
      await inParallel([...Array(600).keys()], 8, async (i) => {
        const pick = await both[i % 2].dataSource.transaction((tx) => pickByRules(tx, routing));
        counts.set(pick!.agentId, (counts.get(pick!.agentId) ?? 0) + 1);
      });
      expect([...counts.keys()].sort()).toEqual([...members].sort());
      expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);

      // Least loaded: 400 tickets of every priority opened through the service (its listener deals them) on both
      // replicas; the open loads end within one urgent ticket of each other.
      const switched = await h.graphql(
        `mutation($id: ID!) { updateTicketAssignmentRule(id: $id, input: { strategy: LEAST_LOADED }) { version } }`,
        { id: ruleId },
      );
      expect(switched.data).toEqual({ updateTicketAssignmentRule: { version: 2 } });
      await inParallel([...Array(400).keys()], 8, (i) =>
        openTicket(both[i % 2], accountId, agentActor, { priority: priorities[(i * 7) % 4] }),
      );
      const loads: { agentId: string; load: number }[] = await h.app.services.dataSource.query(
        `SELECT agent_id AS "agentId", sum(CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2
                 ELSE 1 END)::int AS load
           FROM tickets WHERE agent_id = ANY($1::uuid[]) AND status = 'assigned' AND deleted_at IS NULL
          GROUP BY agent_id`,
        [members],
      );
      const weights = loads.map((l) => l.load);
      expect(weights).toHaveLength(3);
      expect(Math.max(...weights) - Math.min(...weights)).toBeLessThanOrEqual(priorityWeights.urgent);
    } finally {
      await replica.stop();
    }
  }, 120_000);
});
