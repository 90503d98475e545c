import { ticketEventsV1 } from '@crm/contracts';
import { systemActor } from '@crm/platform/auth';
import { describeWithKeycloak } from '@crm/testing';
import { raiseUnassignedAlerts } from '../src/application/unassigned-alerts';
import { assign, assignedEvents, auditActions, claim } from './assignment-fixtures';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

describeWithKeycloak('ticket reassignment', () => {
  let h: TicketHarness;
  let accountId: string;
  let agent1: string;
  let agent2: string;

  beforeAll(async () => {
    h = await startTicketHarness('ticket_reassignment');
    accountId = await h.createAccount('Xiamen Ferries Co.');
    [agent1, agent2] = await Promise.all([h.userId('agent1'), h.userId('agent2')]);
  }, 120_000);
  afterAll(() => h?.stop());

  it('by a service manager is audited and tells the new agent, naming the previous one', async () => {
    const ticket = await h.createTicket({ accountId });
    await h.graphql(assign, { id: ticket.id, agentId: agent1 }, 'service.manager');
    const moved = await h.graphql<{ assignTicket: { agentId: string; status: string } }>(
      assign,
      { id: ticket.id, agentId: agent2 },
      'service.manager',
    );
    expect(moved.data?.assignTicket).toEqual(expect.objectContaining({ agentId: agent2, status: 'ASSIGNED' }));
    expect((await assignedEvents(h.app.services, ticket.id)).slice(-1)).toEqual([
      expect.objectContaining({ agentId: agent2, previousAgentId: agent1, accountId }),
    ]);
    const [audited] = await h.app.services.dataSource.query<{ changes: unknown; actor_id: string }[]>(
      `SELECT changes, actor_id FROM audit_log WHERE entity_id = $1 AND action = 'ticket.assigned' ORDER BY seq DESC`,
      [ticket.id],
    );
    expect(audited.actor_id).toBe(await h.userId('service.manager'));
    expect(audited.changes).toEqual([expect.objectContaining({ field: 'agentId', before: agent1, after: agent2 })]);
  });

  it('is refused to a service manager outside the teams they manage, changing nothing', async () => {
    const ticket = await h.createTicket({ accountId, teamId: 'sales-east' }, 'admin1');
    const refused = await h.graphql(assign, { id: ticket.id, agentId: agent1 }, 'service.manager');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [row] = await h.app.services.dataSource.query<{ agent_id: string | null; version: number }[]>(
      `SELECT agent_id, version FROM tickets WHERE id = $1`,
      [ticket.id],
    );
    expect(row).toEqual({ agent_id: null, version: 1 });
  });

  it('lets an agent claim an unassigned ticket of their queue, but not take one someone already has', async () => {
    const ticket = await h.createTicket({ accountId });
    const claimed = await h.graphql<{ claimTicket: { agentId: string; status: string } }>(
      claim,
      { id: ticket.id },
      'agent1',
    );
    expect(claimed.data?.claimTicket).toEqual(expect.objectContaining({ agentId: agent1, status: 'ASSIGNED' }));
    expect(await auditActions(h.app.services, ticket.id)).toEqual(['ticket.created', 'ticket.assigned']);
    for (const attempt of [
      h.graphql(claim, { id: ticket.id }, 'agent2'),
      h.graphql(assign, { id: ticket.id, agentId: agent2 }, 'agent2'),
    ])
      expect((await attempt).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const taken = await h.graphql(claim, { id: ticket.id }, 'service.manager');
    expect(taken.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
    expect(await assignedEvents(h.app.services, ticket.id)).toHaveLength(2);
  });

  it('raises the unassigned alert once per queue wait, with two replicas racing', async () => {
    const replica = await h.startReplica();
    try {
      const waiting = await h.createTicket({ accountId });
      const fresh = await h.createTicket({ accountId });
      const backdate = (id: string) =>
        h.app.services.dataSource.query(
          `UPDATE ticket_status_history SET at = now() - interval '31 minutes'
            WHERE id = (SELECT max(id) FROM ticket_status_history WHERE ticket_id = $1)`,
          [id],
        );
      await h.app.services.dataSource.query(`UPDATE tickets SET created_at = now() - interval '1 hour' WHERE id = $1`, [
        waiting.id,
      ]);
      await backdate(waiting.id);
      const race = () =>
        Promise.all(
          [h.app.services, replica.app.services, h.app.services, replica.app.services].map((s) =>
            raiseUnassignedAlerts(s.dataSource, systemActor('alert-race'), new Date(), 30),
          ),
        );
      expect((await race()).reduce((a, b) => a + b, 0)).toBe(1);
      await race();
      // Claimed, given back: a new wait in the queue, alerted once more when it is too long too.
      await h.graphql(claim, { id: waiting.id }, 'agent1');
      await h.graphql(assign, { id: waiting.id, agentId: null }, 'agent1');
      await race();
      await backdate(waiting.id);
      expect((await race()).reduce((a, b) => a + b, 0)).toBe(1);
      const alerts: { payload: Buffer; aggregate_id: string }[] = await h.app.services.dataSource.query(
        `SELECT payload, aggregate_id FROM outbox_events WHERE subject = 'crm.ticket.ticket.unassigned_alert'`,
      );
      expect(alerts.map((a) => a.aggregate_id)).toEqual([waiting.id, waiting.id]);
      expect(alerts.map((a) => a.aggregate_id)).not.toContain(fresh.id);
      expect(ticketEventsV1.TicketUnassignedAlert.decode(alerts[0]!.payload)).toMatchObject({
        ticketId: waiting.id,
        teamId: 'service',
      });
    } finally {
      await replica.stop();
    }
  }, 60_000);
});
