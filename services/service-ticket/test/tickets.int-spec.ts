import { ticketEventsV1 } from '@crm/contracts';
import { describeWithKeycloak, eventually } from '@crm/testing';
import { startTicketHarness, ticketFields, type TicketFields, type TicketHarness } from './ticket-test-harness';

const changeStatus = `mutation($id: ID!, $status: TicketStatus!, $resolution: TicketResolutionInput) {
  changeTicketStatus(id: $id, status: $status, resolution: $resolution) { ${ticketFields} resolutionSummary } }`;
const assign = `mutation($id: ID!, $agentId: ID) { assignTicket(id: $id, agentId: $agentId) { ${ticketFields} } }`;
const readAccount = `query($id: ID!) { account(id: $id) { id name } }`;

describeWithKeycloak('tickets', () => {
  let h: TicketHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startTicketHarness('ticket_tickets');
    accountId = await h.createAccount('Suzhou Optics Ltd.');
  }, 120_000);
  afterAll(() => h?.stop());

  it('are opened by an agent in their queue, numbered, and announced (created, then unassigned)', async () => {
    const ticket = await h.createTicket({ accountId, priority: 'HIGH', complaint: true });
    expect(ticket).toMatchObject({ status: 'NEW', agentId: null, teamId: 'service', accountId, version: 1 });
    expect(ticket.number).toMatch(/^TK-\d{4}-\d{6}$/);
    const events = (await h.streamEvents()).filter((e) => e.subject.startsWith('crm.ticket.ticket.'));
    expect(events.map((e) => e.subject)).toEqual(['crm.ticket.ticket.created', 'crm.ticket.ticket.assigned']);
    // A complaint (投诉) names the managers of its team, who are told at once.
    const created = ticketEventsV1.TicketCreated.decode(events[0]!.data);
    expect(created.ticket).toMatchObject({ number: ticket.number, complaint: true, priority: 'high' });
    expect(created.notifyManagerIds).toEqual([await h.userId('service.manager')]);
  });

  it('tell nobody extra about an ordinary ticket, and keep an intact audit chain an auditor can anchor', async () => {
    const ticket = await h.createTicket({ accountId });
    const created = (await h.streamEvents()).filter(
      (e) => e.subject === 'crm.ticket.ticket.created' && e.aggregateId === ticket.id,
    );
    expect(ticketEventsV1.TicketCreated.decode(created[0]!.data).notifyManagerIds).toEqual([]);
    const anchored = await h.graphql<{ recordTicketAuditCheckpoint: { ok: boolean } }>(
      `mutation { recordTicketAuditCheckpoint { ok } }`,
      {},
      'auditor1',
    );
    expect(anchored.data?.recordTicketAuditCheckpoint.ok).toBe(true);
    const status = await h.graphql<{ ticketAuditChainStatus: { ok: boolean; rows: number } }>(
      `{ ticketAuditChainStatus { ok rows } }`,
      {},
      'auditor1',
    );
    expect(status.data?.ticketAuditChainStatus).toMatchObject({ ok: true, rows: expect.any(Number) });
    expect(status.data!.ticketAuditChainStatus.rows).toBeGreaterThan(0);
  });

  it('refuse an unknown account, a bad channel and a rep opening one, changing nothing', async () => {
    const count = async () =>
      (await h.app.services.dataSource.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM tickets`))[0]!.n;
    const before = await count();
    const unknown = await h.graphql(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
      {
        input: { accountId: '00000000-0000-4000-8000-000000000001', subject: 'x', channel: 'PHONE', category: 'c' },
      },
      'agent1',
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(unknown.errors?.[0]?.extensions)).toContain('accountId');
    const blank = await h.graphql(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
      { input: { accountId, subject: '  ', channel: 'PHONE', category: 'c' } },
      'agent1',
    );
    expect(JSON.stringify(blank.errors?.[0]?.extensions)).toContain('subject');
    const rep = await h.graphql(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
      { input: { accountId, subject: 'x', channel: 'PHONE', category: 'c' } },
      'rep.east1',
    );
    expect(rep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it('are created once per idempotency key', async () => {
    const a = await h.createTicket({ accountId, idempotencyKey: 'phone-call-42' });
    const b = await h.createTicket({ accountId, idempotencyKey: 'phone-call-42' });
    expect(b.id).toBe(a.id);
  });

  it('go through the lifecycle: resolving needs a summary and a known root cause; history and events follow', async () => {
    const ticket = await h.createTicket({ accountId });
    const agent1 = await h.userId('agent1');
    const taken = await h.graphql<{ assignTicket: TicketFields }>(assign, { id: ticket.id, agentId: agent1 }, 'agent1');
    expect(taken.data?.assignTicket).toMatchObject({ status: 'ASSIGNED', agentId: agent1 });
    await h.graphql(changeStatus, { id: ticket.id, status: 'IN_PROGRESS' }, 'agent1');
    const bare = await h.graphql(changeStatus, { id: ticket.id, status: 'RESOLVED' }, 'agent1');
    expect(bare.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(bare.errors?.[0]?.extensions)).toContain('resolutionSummary');
    const unknownCause = await h.graphql(
      changeStatus,
      { id: ticket.id, status: 'RESOLVED', resolution: { summary: 'Replaced the roller', rootCauseCategory: 'luck' } },
      'agent1',
    );
    expect(JSON.stringify(unknownCause.errors?.[0]?.extensions)).toContain('rootCauseCategory');
    const resolved = await h.graphql<{ changeTicketStatus: { status: string; resolutionSummary: string } }>(
      changeStatus,
      {
        id: ticket.id,
        status: 'RESOLVED',
        resolution: { summary: 'Replaced the roller', rootCauseCategory: 'product_defect' },
      },
      'agent1',
    );
    expect(resolved.data?.changeTicketStatus).toMatchObject({
      status: 'RESOLVED',
      resolutionSummary: 'Replaced the roller',
    });
    const closed = await h.graphql<{ changeTicketStatus: TicketFields }>(
      changeStatus,
      { id: ticket.id, status: 'CLOSED' },
      'agent1',
    );
    expect(closed.data?.changeTicketStatus.status).toBe('CLOSED');
    const history = await h.graphql<{
      ticket: { history: { edges: { node: { fromStatus: string | null; toStatus: string } }[] } };
    }>(
      `query($id: ID!) { ticket(id: $id) { history(first: 10) { edges { node { fromStatus toStatus } } } } }`,
      {
        id: ticket.id,
      },
      'agent1',
    );
    expect(history.data?.ticket.history.edges.map((e) => `${e.node.fromStatus}>${e.node.toStatus}`)).toEqual([
      'RESOLVED>CLOSED',
      'IN_PROGRESS>RESOLVED',
      'ASSIGNED>IN_PROGRESS',
      'NEW>ASSIGNED',
      'null>NEW',
    ]);
    const subjects = (await h.streamEvents()).map((e) => e.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        'crm.ticket.ticket.status_changed',
        'crm.ticket.ticket.resolved',
        'crm.ticket.ticket.closed',
      ]),
    );
    const audit = await h.app.services.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`,
      [ticket.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'ticket.created',
      'ticket.assigned',
      'ticket.status.in_progress',
      'ticket.status.resolved',
      // Resolving sends the satisfaction survey (survey-links.int-spec.ts).
      'ticket.survey_sent',
      'ticket.status.closed',
    ]);
  });

  it('reopen within the window with a reason, and not after it', async () => {
    const ticket = await h.createTicket({ accountId });
    await h.graphql(assign, { id: ticket.id, agentId: await h.userId('agent2') }, 'service.manager');
    await h.graphql(
      changeStatus,
      { id: ticket.id, status: 'RESOLVED', resolution: { summary: 'Done', rootCauseCategory: 'other' } },
      'agent2',
    );
    const reopen = `mutation($id: ID!, $reason: String!) { reopenTicket(id: $id, reason: $reason) { ${ticketFields} } }`;
    const reopened = await h.graphql<{ reopenTicket: TicketFields }>(
      reopen,
      { id: ticket.id, reason: 'Still jams' },
      'agent2',
    );
    expect(reopened.data?.reopenTicket).toMatchObject({ status: 'ASSIGNED', agentId: await h.userId('agent2') });
    await h.graphql(
      changeStatus,
      { id: ticket.id, status: 'RESOLVED', resolution: { summary: 'Done again', rootCauseCategory: 'other' } },
      'agent2',
    );
    await h.app.services.dataSource.query(`UPDATE tickets SET resolved_at = now() - interval '15 days' WHERE id = $1`, [
      ticket.id,
    ]);
    const late = await h.graphql(reopen, { id: ticket.id, reason: 'Again' }, 'agent2');
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(late.errors?.[0]?.message).toContain('reopen window of 14 days');
    expect((await h.streamEvents()).map((e) => e.subject)).toContain('crm.ticket.ticket.reopened');
  });

  it('are seen by their queue and team managers, read-only by the account owner, and not by other reps', async () => {
    const ticket = await h.createTicket({ accountId });
    const query = `query($id: ID!) { ticket(id: $id) { id subject } }`;
    for (const who of ['agent2', 'service.manager', 'rep.east1', 'auditor1', 'admin1'])
      expect((await h.graphql<{ ticket: { id: string } }>(query, { id: ticket.id }, who)).data?.ticket?.id).toBe(
        ticket.id,
      );
    for (const who of ['rep.south1', 'finance1']) {
      const res = await h.graphql(query, { id: ticket.id }, who);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const edit = await h.graphql(
      `mutation($id: ID!) { updateTicket(id: $id, input: { subject: "mine now" }) { id } }`,
      { id: ticket.id },
      'rep.east1',
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await h.graphql<{ tickets: { totalCount: number } }>(
      `{ tickets(filter: { accountId: "${accountId}" }) { totalCount } }`,
      {},
      'rep.south1',
    );
    expect(list.data?.tickets.totalCount).toBe(0);
  });

  it('let an agent take a queue ticket but not give it to someone else; a manager assigns within the team', async () => {
    const ticket = await h.createTicket({ accountId });
    const other = await h.graphql(assign, { id: ticket.id, agentId: await h.userId('agent2') }, 'agent1');
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outsider = await h.graphql(
      assign,
      { id: ticket.id, agentId: await h.userId('rep.east1') },
      'service.manager',
    );
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(outsider.errors?.[0]?.extensions)).toContain('team_member');
    const events = (await h.streamEvents()).filter(
      (e) => e.subject === 'crm.ticket.ticket.assigned' && e.aggregateId === ticket.id,
    );
    expect(events).toHaveLength(1);
  });

  it('feed the customer service: the assigned agent reads the account, and loses it once the ticket is unassigned', async () => {
    const owned = await h.createAccount('Ningbo Valves Co.', 'rep.south1');
    const ticket = await h.createTicket({ accountId: owned });
    const before = await h.customer.graphql(readAccount, { id: owned }, 'agent1');
    expect(before.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await h.graphql(assign, { id: ticket.id, agentId: await h.userId('agent1') }, 'agent1');
    await h.app.flushOutbox(10_000);
    const granted = await eventually(
      async () =>
        (await h.customer.graphql<{ account: { name: string } | null }>(readAccount, { id: owned }, 'agent1')).data
          ?.account?.name,
      (name) => name === 'Ningbo Valves Co.',
    );
    expect(granted).toBe('Ningbo Valves Co.');
    await h.graphql(assign, { id: ticket.id, agentId: null }, 'agent1');
    await h.app.flushOutbox(10_000);
    const revoked = await eventually(
      async () => (await h.customer.graphql(readAccount, { id: owned }, 'agent1')).errors?.[0]?.extensions?.code,
      (code) => code === 'FORBIDDEN',
    );
    expect(revoked).toBe('FORBIDDEN');
  });

  it('count a reply as the first response, and let the service manager delete with a reason', async () => {
    const ticket = await h.createTicket({ accountId });
    const reply = await h.graphql<{ addTicketMessage: { firstResponseAt: string | null } }>(
      `mutation($id: ID!) { addTicketMessage(ticketId: $id, kind: REPLY, body: "We are on it") { firstResponseAt } }`,
      { id: ticket.id },
      'agent1',
    );
    expect(reply.data?.addTicketMessage.firstResponseAt).toEqual(expect.any(String));
    const byAgent = await h.graphql(
      `mutation($id: ID!) { deleteTicket(id: $id, reason: "dup") }`,
      { id: ticket.id },
      'agent1',
    );
    expect(byAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deleted = await h.graphql<{ deleteTicket: boolean }>(
      `mutation($id: ID!) { deleteTicket(id: $id, reason: "Duplicate of a phone ticket") }`,
      { id: ticket.id },
      'service.manager',
    );
    expect(deleted.data?.deleteTicket).toBe(true);
    expect(
      (await h.graphql<{ ticket: null }>(`query($id: ID!) { ticket(id: $id) { id } }`, { id: ticket.id }, 'admin1'))
        .data?.ticket,
    ).toBeNull();
    expect((await h.streamEvents()).map((e) => e.subject)).toContain('crm.ticket.ticket.deleted');
  });

  it('are read by gRPC with the row rules of the caller', async () => {
    const ticket = await h.createTicket({ accountId });
    const got = await h.call<{ id: string }, { ticket: { id: string; status: string } }>(
      'getTicket',
      { id: ticket.id },
      'agent2',
    );
    expect(got.ticket).toMatchObject({ id: ticket.id, status: 'new' });
    await expect(h.call('getTicket', { id: ticket.id }, 'rep.south1')).rejects.toThrow(/PERMISSION_DENIED|not yours/);
  });
});
