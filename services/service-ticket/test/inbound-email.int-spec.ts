import { clientCredentialsToken, decodeJwt, demoUser, describeWithKeycloak } from '@crm/testing';
import { startTicketHarness, ticketFields, type TicketHarness } from './ticket-test-harness';

const unmatchedAccountId = '00000000-0000-4000-8000-0000000000aa';
const ticketQuery = `query($id: ID!) { ticket(id: $id) { ${ticketFields} channel requesterEmail lastCustomerMessageAt
  messages { edges { node { kind author body } } } } }`;

interface MailTicket {
  id: string;
  number: string;
  status: string;
  accountId: string;
  teamId: string;
  version: number;
  channel: string;
  requesterEmail: string;
  lastCustomerMessageAt: string | null;
  messages: { edges: { node: { kind: string; author: string; body: string } }[] };
}

describeWithKeycloak('inbound email', () => {
  let h: TicketHarness;
  let base: string;
  let gatewayToken: string;
  let accountId: string;

  beforeAll(async () => {
    h = await startTicketHarness('ticket_inbound_email', { inboundEmail: { unmatchedAccountId } });
    base = `http://127.0.0.1:${h.app.httpPort}`;
    gatewayToken = (await clientCredentialsToken('crm-services')).accessToken;
    const created = await h.customer.graphql<{ createAccount: { account: { id: string } } }>(
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      {
        input: {
          account: { name: 'Wuxi Bearings Ltd.', lifecycleStage: 'CUSTOMER', emails: ['li.wei@wuxi-bearings.cn'] },
          duplicatePolicy: 'OVERRIDE',
        },
      },
      'rep.east1',
    );
    accountId = created.data!.createAccount.account.id;
  }, 120_000);
  afterAll(() => h?.stop());

  const post = (mail: Record<string, unknown>, token = gatewayToken) =>
    fetch(`${base}/inbound/email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'support@crm.example', ...mail }),
    });
  const receive = async (mail: Record<string, unknown>) => {
    const res = await post(mail);
    return {
      status: res.status,
      body: (await res.json()) as { outcome: string; ticketId: string; ticketNumber: string },
    };
  };
  /** A message from the account's contact address. */
  const fromCustomer = (mail: Record<string, unknown>) => receive({ from: 'li.wei@wuxi-bearings.cn', ...mail });
  const ticket = async (id: string) =>
    (await h.graphql<{ ticket: MailTicket }>(ticketQuery, { id }, 'admin1')).data!.ticket;
  const counts = async () =>
    (
      await h.app.services.dataSource.query<{ tickets: number; messages: number; audits: number }[]>(
        `SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM ticket_messages) AS messages,
                (SELECT count(*)::int FROM audit_log) AS audits`,
      )
    )[0];

  it('opens an email ticket on the sender’s account, and threads a reply into it by In-Reply-To', async () => {
    const first = await receive({
      from: 'Li.Wei@Wuxi-Bearings.CN',
      subject: 'Bearing 6205 overheating',
      text: '<p>The bearings run <b>hot</b> after 2 hours.</p>',
      messageId: '<first@mail.wuxi-bearings.cn>',
    });
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe('created');
    const created = await ticket(first.body.ticketId);
    expect(created).toMatchObject({
      number: first.body.ticketNumber,
      status: 'NEW',
      channel: 'EMAIL',
      accountId,
      teamId: 'service',
      requesterEmail: 'li.wei@wuxi-bearings.cn',
    });
    expect(created.messages.edges.map((e) => e.node)).toEqual([
      { kind: 'CUSTOMER', author: 'li.wei@wuxi-bearings.cn', body: 'The bearings run hot after 2 hours.' },
    ]);

    const reply = await fromCustomer({
      subject: 'Re: Bearing 6205 overheating',
      text: 'Photos of the housing attached.',
      messageId: '<second@mail.wuxi-bearings.cn>',
      inReplyTo: '<first@mail.wuxi-bearings.cn>',
      references: ['<first@mail.wuxi-bearings.cn>'],
      receivedAt: '2026-11-30T01:00:00Z',
    });
    expect(reply).toEqual({
      status: 200,
      body: { outcome: 'threaded', ticketId: created.id, ticketNumber: created.number },
    });
    const threaded = await ticket(created.id);
    expect(threaded.messages.edges).toHaveLength(2);
    expect(threaded.lastCustomerMessageAt).not.toBeNull();
  });

  it('answers a replayed message id with the same ticket and changes nothing', async () => {
    const mail = {
      from: 'li.wei@wuxi-bearings.cn',
      subject: 'Invoice question',
      text: 'Which PO does invoice 889 belong to?',
      messageId: '<replayed@mail.wuxi-bearings.cn>',
    };
    const first = await receive(mail);
    expect(first.status).toBe(201);
    const before = await counts();
    const version = (await ticket(first.body.ticketId)).version;
    const again = await receive(mail);
    expect(again).toEqual({ status: 200, body: { ...first.body, outcome: 'replayed' } });
    expect(await counts()).toEqual(before);
    expect((await ticket(first.body.ticketId)).version).toBe(version);
  });

  it('threads a reply by the ticket number in its subject from the requester, but not from a stranger', async () => {
    const first = await fromCustomer({
      subject: 'Delivery late',
      text: 'Order 1203 has not arrived.',
      messageId: '<late@mail.wuxi-bearings.cn>',
    });
    const bySubject = await fromCustomer({
      subject: `Re: [${first.body.ticketNumber}] Delivery late`,
      text: 'Still nothing today.',
      messageId: '<late-2@other-client.example>',
    });
    expect(bySubject.body).toMatchObject({ outcome: 'threaded', ticketId: first.body.ticketId });
    const stranger = await receive({
      from: 'someone@elsewhere.example',
      subject: `Re: [${first.body.ticketNumber}] Delivery late`,
      text: 'Let me in.',
      messageId: '<stranger@elsewhere.example>',
    });
    expect(stranger.status).toBe(201);
    expect(stranger.body.ticketId).not.toBe(first.body.ticketId);
    // Nobody's account has the stranger's address: the configured unmatched-mail account takes the ticket.
    expect((await ticket(stranger.body.ticketId)).accountId).toBe(unmatchedAccountId);
    expect((await ticket(first.body.ticketId)).messages.edges).toHaveLength(2);
  });

  it('reopens a resolved ticket when the customer replies within the reopen window', async () => {
    const first = await fromCustomer({
      subject: 'Seal leaking',
      text: 'The seal leaks oil.',
      messageId: '<seal@mail.wuxi-bearings.cn>',
    });
    const id = first.body.ticketId;
    const agent1 = await h.userId('agent1');
    await h.graphql(
      `mutation($id: ID!, $a: ID) { assignTicket(id: $id, agentId: $a) { id } }`,
      { id, a: agent1 },
      'agent1',
    );
    const resolved = await h.graphql<{ changeTicketStatus: { status: string } }>(
      `mutation($id: ID!) { changeTicketStatus(id: $id, status: RESOLVED,
         resolution: { summary: "Replaced the seal", rootCauseCategory: "product_defect" }) { status } }`,
      { id },
      'agent1',
    );
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data?.changeTicketStatus.status).toBe('RESOLVED');
    const reply = await fromCustomer({
      subject: 'Re: Seal leaking',
      text: 'It leaks again.',
      messageId: '<seal-2@mail.wuxi-bearings.cn>',
      inReplyTo: 'seal@mail.wuxi-bearings.cn',
    });
    expect(reply.body).toMatchObject({ outcome: 'threaded', ticketId: id });
    expect((await ticket(id)).status).toBe('ASSIGNED');
  });

  it('opens a follow-up ticket for a reply to a ticket resolved longer ago than the reopen window', async () => {
    const first = await fromCustomer({
      subject: 'Noise',
      text: 'A grinding noise.',
      messageId: '<noise@mail.wuxi-bearings.cn>',
    });
    // Resolved 30 days ago: past the 14-day window of the harness.
    await h.app.services.dataSource.query(
      `UPDATE tickets SET status = 'resolved', resolved_at = now() - interval '30 days' WHERE id = $1`,
      [first.body.ticketId],
    );
    const reply = await fromCustomer({
      subject: 'Re: Noise',
      text: 'The noise is back.',
      messageId: '<noise-2@mail.wuxi-bearings.cn>',
      inReplyTo: '<noise@mail.wuxi-bearings.cn>',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.ticketId).not.toBe(first.body.ticketId);
    const followUp = await ticket(reply.body.ticketId);
    expect(followUp).toMatchObject({ status: 'NEW', accountId });
    expect((await ticket(first.body.ticketId)).status).toBe('RESOLVED');
    const description = await h.graphql<{ ticket: { description: string } }>(
      `query($id: ID!) { ticket(id: $id) { description } }`,
      { id: reply.body.ticketId },
    );
    expect(description.data?.ticket.description).toBe(`Follow-up of ${first.body.ticketNumber}.\n\nThe noise is back.`);
  });

  it('is refused to a user without crm-admin, and names the field of bad input, changing nothing', async () => {
    const before = await counts();
    const mail = { from: 'li.wei@wuxi-bearings.cn', subject: 'x', text: 'y', messageId: '<user@x>' };
    expect((await post(mail, await h.token('agent1'))).status).toBe(403);
    expect((await post(mail, await h.token('service.manager'))).status).toBe(403);
    const bad = await post({ from: 'not an address', text: 'y', messageId: '<bad@x>' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'from', violations: [{ rule: 'email' }] } });
    expect(await counts()).toEqual(before);
    const byAdmin = await post({ ...mail, messageId: '<admin@x>' }, await h.token('admin1'));
    expect(byAdmin.status).toBe(201);
  });

  it('names the people of a ticket as User references: never the customer who wrote in', async () => {
    const mail = await fromCustomer({ subject: 'Seal leaking', text: 'Oil under the pump.', messageId: '<seal@x.cn>' });
    const ticketId = mail.body.ticketId;
    const noted = await h.graphql(
      `mutation($id: ID!) { addTicketMessage(ticketId: $id, kind: NOTE, body: "Called back") { id } }`,
      { id: ticketId },
      'admin1',
    );
    expect(noted.errors).toBeUndefined();
    const people = await h.graphql<{
      ticket: {
        creator: { id: string } | null;
        history: { edges: { node: { actorId: string; actor: { id: string } | null } }[] };
        messages: { edges: { node: { kind: string; authorUser: { id: string } | null } }[] };
      };
    }>(
      `query($id: ID!) { ticket(id: $id) { creator { id } history { edges { node { actorId actor { id } } } }
        messages { edges { node { kind authorUser { id } } } } } }`,
      { id: ticketId },
      'admin1',
    );
    const serviceAccount = String(decodeJwt(gatewayToken).sub);
    expect(people.data!.ticket.creator).toEqual({ id: serviceAccount });
    expect(people.data!.ticket.history.edges.map((e) => e.node)).toEqual([
      { actorId: serviceAccount, actor: { id: serviceAccount } },
    ]);
    expect(people.data!.ticket.messages.edges.map((e) => e.node)).toEqual([
      { kind: 'NOTE', authorUser: { id: demoUser('admin1').id } },
      { kind: 'CUSTOMER', authorUser: null },
    ]);
  });
});
