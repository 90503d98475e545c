import { ticketEventsV1 } from '@crm/contracts';
import { describeWithKeycloak, eventually } from '@crm/testing';
import { defaultPolicyAroundTheClock, minutesBetween, ok, shiftTicketBack, slaOf } from './sla-test-support';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

const note = `mutation($id: ID!) { addTicketMessage(ticketId: $id, kind: NOTE, body: "Checked the logs") { id } }`;
const serviceManager = '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a09';

describeWithKeycloak('the SLA schedule', () => {
  let h: TicketHarness;
  let replica: Awaited<ReturnType<TicketHarness['startReplica']>>;
  let accountId: string;

  const alertsOf = async (ticketId: string): Promise<string[]> =>
    (
      await h.app.services.dataSource.query(
        `SELECT target || ' ' || kind AS alert FROM sla_alerts_sent WHERE ticket_id = $1 ORDER BY sent_at, id`,
        [ticketId],
      )
    ).map((r: { alert: string }) => r.alert);
  const slaEventsOf = async (ticketId: string) =>
    (await h.streamEvents()).filter((e) => e.subject.startsWith('crm.ticket.sla.') && e.aggregateId === ticketId);

  beforeAll(async () => {
    // Both replicas run every job, the SLA schedule every 250 ms.
    h = await startTicketHarness('ticket_sla_schedule', {
      jobs: { outboxRetentionDays: 7, inboxRetentionDays: 7, auditCheckpointMs: 3_600_000, slaScheduleMs: 250 },
    });
    replica = await h.startReplica();
    accountId = await h.createAccount('Changzhou Motors Ltd.');
    await defaultPolicyAroundTheClock(h, 'Scheduled', { firstResponse: 60, nextResponse: 120, resolution: 480 });
  }, 120_000);
  afterAll(async () => {
    await replica?.stop();
    await h?.stop();
  });

  it('fires a breach exactly once with two replicas running, escalated to the team manager', async () => {
    const ticket = await h.createTicket({ accountId });
    // Opened 130 minutes ago and never answered: the first response (60 minutes) is overdue.
    await shiftTicketBack(h, ticket.id, 130);
    await ok(h, note, { id: ticket.id }, 'agent1');
    await eventually(
      () => alertsOf(ticket.id),
      (alerts) => alerts.length > 0,
    );
    expect(await alertsOf(ticket.id)).toEqual(['firstResponse breach']);
    // Many more ticks on both replicas: still one alert, one event.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await alertsOf(ticket.id)).toEqual(['firstResponse breach']);
    const events = await slaEventsOf(ticket.id);
    expect(events.map((e) => e.subject)).toEqual(['crm.ticket.sla.breached']);
    const alert = ticketEventsV1.SlaAlert.decode(events[0]!.data);
    const [{ created_at: created }] = await h.app.services.dataSource.query(
      `SELECT created_at FROM tickets WHERE id = $1`,
      [ticket.id],
    );
    expect(alert).toMatchObject({
      ticketId: ticket.id,
      target: 'first_response',
      teamId: 'service',
      agentId: '',
      escalateToUserIds: [serviceManager],
    });
    expect(minutesBetween((created as Date).toISOString(), alert.deadline!.toISOString())).toBe(60);
    const sla = await slaOf(h, ticket.id);
    expect(sla.firstResponse).toMatchObject({ state: 'BREACHED', breached: true });
    const audits = await h.app.services.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'ticket.sla_breached' AND entity_id = $1`,
      [ticket.id],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toMatchObject({ target: 'firstResponse', escalatedTo: [serviceManager] });
  });

  it('sends the warning at 80% and then the breach, each once, even when both replicas run it at the same instant', async () => {
    const ticket = await h.createTicket({ accountId });
    await shiftTicketBack(h, ticket.id, 50);
    await ok(h, note, { id: ticket.id }, 'agent1');
    await Promise.all([
      h.app.services.slaSchedule.run('race-a'),
      replica.app.services.slaSchedule.run('race-b'),
      h.app.services.slaSchedule.run('race-c'),
    ]);
    // A background tick may hold the row (SKIP LOCKED let these runs pass it): wait for its commit.
    await eventually(
      () => alertsOf(ticket.id),
      (alerts) => alerts.length > 0,
    );
    expect(await alertsOf(ticket.id)).toEqual(['firstResponse warning']);
    await shiftTicketBack(h, ticket.id, 15);
    await ok(h, note, { id: ticket.id }, 'agent1');
    await Promise.all([h.app.services.slaSchedule.run('race-d'), replica.app.services.slaSchedule.run('race-e')]);
    await eventually(
      () => alertsOf(ticket.id),
      (alerts) => alerts.length > 1,
    );
    expect(await alertsOf(ticket.id)).toEqual(['firstResponse warning', 'firstResponse breach']);
    const events = await slaEventsOf(ticket.id);
    expect(events.map((e) => e.subject)).toEqual(['crm.ticket.sla.warning', 'crm.ticket.sla.breached']);
    expect(ticketEventsV1.SlaAlert.decode(events[0]!.data).escalateToUserIds).toEqual([]);
  });

  it('stops watching a ticket once it is resolved', async () => {
    const ticket = await h.createTicket({ accountId });
    await ok(
      h,
      `mutation($id: ID!) { assignTicket(id: $id, agentId: "6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a07") { id } }`,
      {
        id: ticket.id,
      },
      'agent1',
    );
    await ok(
      h,
      `mutation($id: ID!) { changeTicketStatus(id: $id, status: RESOLVED,
        resolution: { summary: "Replaced the fuse", rootCauseCategory: "product_defect" }) { id } }`,
      { id: ticket.id },
      'agent1',
    );
    const [row] = await h.app.services.dataSource.query(
      `SELECT is_open, next_alert_at FROM ticket_sla WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(row).toEqual({ is_open: false, next_alert_at: null });
    await shiftTicketBack(h, ticket.id, 600);
    await h.app.services.slaSchedule.run('after-resolution');
    expect(await alertsOf(ticket.id)).toEqual([]);
  });
});
