import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { describeWithKeycloak, eventually } from '@crm/testing';
import {
  defaultPolicyAroundTheClock,
  definePolicy,
  minutesBetween,
  ok,
  setDefault,
  shiftTicketBack,
  slaOf,
} from './sla-test-support';
import { startTicketHarness, type TicketHarness } from './ticket-test-harness';

const changeStatus = `mutation($id: ID!, $status: TicketStatus!) { changeTicketStatus(id: $id, status: $status) { id } }`;
const take = `mutation($id: ID!, $agentId: ID) { assignTicket(id: $id, agentId: $agentId) { id } }`;
const message = `mutation($id: ID!, $kind: TicketMessageKind!) {
  addTicketMessage(ticketId: $id, kind: $kind, body: "Looking into it") { id } }`;
const agent1 = '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a07';
const queuePage = `query($first: Int!) { tickets(first: $first) { edges { node { id
  sla { nextDeadline policy { name calendar { timeZone } } firstResponse { deadline } resolution { deadline } } } } } }`;

/** How many SQL statements name each SLA table while `run` runs (the service runs in this process). */
async function slaStatements(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query'); // calls through, recording each statement
  try {
    await run();
    const counts: Record<string, number> = {};
    for (const table of ['ticket_sla', 'sla_policies', 'business_calendars'])
      counts[table] = spy.mock.calls.filter(([sql]) => new RegExp(`\\b${table}\\b`).test(sql)).length;
    return counts;
  } finally {
    spy.mockRestore();
  }
}

describeWithKeycloak('the SLA clock of a ticket', () => {
  let h: TicketHarness;
  let accountId: string;
  let calendarId: string;
  const createdAt = async (id: string): Promise<string> =>
    (
      (await h.app.services.dataSource.query(`SELECT created_at FROM tickets WHERE id = $1`, [id]))[0]
        .created_at as Date
    ).toISOString();

  beforeAll(async () => {
    h = await startTicketHarness('ticket_sla_clock');
    accountId = await h.createAccount('Ningbo Valves Ltd.');
    ({ calendarId } = await defaultPolicyAroundTheClock(
      h,
      'Clock',
      { firstResponse: 60, nextResponse: 120, resolution: 480 },
      { firstResponse: 30, nextResponse: 60, resolution: 240 },
    ));
  }, 120_000);
  afterAll(() => h?.stop());

  it('shows each target counted from creation, with its deadline, the warning at 80% and the policy', async () => {
    const ticket = await h.createTicket({ accountId, priority: 'HIGH' });
    const created = await createdAt(ticket.id);
    const sla = await slaOf(h, ticket.id);
    expect(sla).toMatchObject({ grade: 'NONE', complaint: false, recomputePending: false, policy: { name: 'Clock' } });
    expect(sla.firstResponse).toMatchObject({
      target: 'FIRST_RESPONSE',
      state: 'RUNNING',
      targetBusinessMinutes: 60,
      paused: false,
      breached: false,
    });
    expect(minutesBetween(created, sla.firstResponse.deadline!)).toBe(60);
    expect(minutesBetween(created, sla.firstResponse.warningAt!)).toBe(48);
    expect(minutesBetween(created, sla.resolution.deadline!)).toBe(480);
    expect(sla.nextResponse).toEqual({ state: 'NOT_APPLICABLE', deadline: null });
    expect(sla.nextDeadline).toBe(sla.firstResponse.deadline);
  });

  it("costs a queue page the same statements for its tickets' SLA whether it shows 2 tickets or 8", async () => {
    for (let i = 0; i < 8; i++) await h.createTicket({ accountId, subject: `Queue ticket ${i}` });
    const page = (first: number) => async () => {
      const data = await ok<{ tickets: { edges: { node: { sla: { nextDeadline: string } | null } }[] } }>(
        h,
        queuePage,
        { first },
        'agent1',
      );
      expect(data.tickets.edges).toHaveLength(first);
      expect(data.tickets.edges.every((e) => e.node.sla?.nextDeadline)).toBe(true);
    };
    const small = await slaStatements(page(2));
    const large = await slaStatements(page(8));
    expect(large).toEqual(small);
    expect(large).toEqual({ ticket_sla: 1, sla_policies: 2, business_calendars: 2 });
  });

  it('gives a complaint (投诉) the stricter override', async () => {
    const ticket = await h.createTicket({ accountId, complaint: true });
    const sla = await slaOf(h, ticket.id);
    expect(sla.complaint).toBe(true);
    expect(sla.firstResponse.targetBusinessMinutes).toBe(30);
    expect(sla.resolution.targetBusinessMinutes).toBe(240);
  });

  it('stops the first-response clock at the first reply', async () => {
    const ticket = await h.createTicket({ accountId });
    await ok(h, take, { id: ticket.id, agentId: agent1 }, 'agent1');
    await ok(h, message, { id: ticket.id, kind: 'REPLY' }, 'agent1');
    const sla = await slaOf(h, ticket.id);
    expect(sla.firstResponse).toMatchObject({ state: 'MET', deadline: null, breached: false });
    expect(sla.resolution.state).toBe('RUNNING');
  });

  it('pauses while the ticket waits on the customer, which moves the deadline out by the wait', async () => {
    const ticket = await h.createTicket({ accountId });
    await ok(h, take, { id: ticket.id, agentId: agent1 }, 'agent1');
    await ok(h, changeStatus, { id: ticket.id, status: 'WAITING_ON_CUSTOMER' }, 'agent1');
    // As if opened three hours ago, worked for one hour, then waiting on the customer for two.
    await shiftTicketBack(h, ticket.id, 180);
    await h.app.services.dataSource.query(
      `UPDATE ticket_status_history SET at = at + interval '60 minutes'
        WHERE ticket_id = $1 AND to_status = 'waiting_on_customer'`,
      [ticket.id],
    );
    await ok(h, message, { id: ticket.id, kind: 'NOTE' }, 'agent1');
    const created = await createdAt(ticket.id);
    const paused = await slaOf(h, ticket.id);
    expect(paused.resolution).toMatchObject({ state: 'PAUSED', paused: true, breached: false });
    expect(paused.resolution.elapsedBusinessMinutes).toBeCloseTo(60, 0);
    // Without the pause it would fall due 480 minutes after creation; the two hours waiting are added.
    expect(minutesBetween(created, paused.resolution.deadline!)).toBeCloseTo(600, 0);

    await ok(h, changeStatus, { id: ticket.id, status: 'IN_PROGRESS' }, 'agent1');
    const running = await slaOf(h, ticket.id);
    expect(running.resolution).toMatchObject({ state: 'RUNNING', paused: false });
    expect(minutesBetween(created, running.resolution.deadline!)).toBeCloseTo(600, 0);
  });

  it("recomputes the targets of an account's open tickets when the customer service grades it", async () => {
    const fast = { firstResponse: 20, nextResponse: 40, resolution: 200 };
    const usual = { firstResponse: 60, nextResponse: 120, resolution: 480 };
    const grades = { A: fast, B: usual, C: usual, none: usual };
    const strict = { firstResponse: 10, nextResponse: 20, resolution: 100 };
    const graded = await ok<{ defineSlaPolicy: { id: string; version: number } }>(h, definePolicy, {
      input: {
        name: 'Graded',
        calendarId,
        targets: { urgent: grades, high: grades, normal: grades, low: grades },
        complaintOverride: { urgent: strict, high: strict, normal: strict, low: strict },
      },
    });
    await ok(h, setDefault, { id: graded.defineSlaPolicy.id, v: graded.defineSlaPolicy.version });
    const account = await h.createAccount('Hangzhou Looms Co.', 'rep.east1');
    const ticket = await h.createTicket({ accountId: account });
    expect((await slaOf(h, ticket.id)).firstResponse.targetBusinessMinutes).toBe(60);

    const update = await h.customer.graphql(
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id grade } }`,
      { input: { id: account, account: { grade: 'A' } } },
      'rep.east1',
    );
    expect(update.errors).toBeUndefined();
    const sla = await eventually(
      () => slaOf(h, ticket.id),
      (value) => value.grade === 'A',
    );
    expect(sla.firstResponse.targetBusinessMinutes).toBe(20);
    expect(sla.resolution.targetBusinessMinutes).toBe(200);

    // A ticket opened before the projection heard of the grade gets it from the account's next event of any kind.
    await h.app.services.dataSource.query(`UPDATE account_facts SET grade = NULL WHERE account_id = $1`, [account]);
    const early = await h.createTicket({ accountId: account });
    expect((await slaOf(h, early.id)).grade).toBe('NONE');
    const described = await h.customer.graphql(
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { id } }`,
      { input: { id: account, account: { description: 'Key account in Zhejiang' } } },
      'rep.east1',
    );
    expect(described.errors).toBeUndefined();
    const caughtUp = await eventually(
      () => slaOf(h, early.id),
      (value) => value.grade === 'A',
    );
    expect(caughtUp.firstResponse.targetBusinessMinutes).toBe(20);
  });
});
