import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ticketEventsV1 } from '@crm/contracts';
import { startCustomerHarness, type CustomerHarness } from './customer-test-harness';

const CREATE = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const READ = `query($id: ID!) { account(id: $id) { id name } }`;
const LIST = `query($search: String) { accounts(search: $search) { edges { node { id } } } }`;

/** Publishes a service-ticket event the way its outbox relay will: protobuf body, event id as Nats-Msg-Id. */
async function publishTicketEvent(
  nc: NatsConnection,
  verb: 'assigned' | 'deleted',
  fields: { ticketId: string; accountId: string; agentId?: string; teamId?: string; version: number },
): Promise<void> {
  const eventId = randomUUID();
  const metadata = {
    eventId,
    occurredAt: new Date(),
    actorId: 'service-manager',
    requestId: randomUUID(),
    aggregateId: fields.ticketId,
    aggregateVersion: String(fields.version),
  };
  const data =
    verb === 'assigned'
      ? ticketEventsV1.TicketAssigned.encode({
          metadata,
          ticketId: fields.ticketId,
          accountId: fields.accountId,
          agentId: fields.agentId ?? '',
          previousAgentId: '',
          teamId: fields.teamId ?? '',
        }).finish()
      : ticketEventsV1.TicketDeleted.encode({
          metadata,
          ticketId: fields.ticketId,
          accountId: fields.accountId,
        }).finish();
  const h = natsHeaders();
  h.set('crm-event-id', eventId);
  h.set('crm-event-type', verb === 'assigned' ? 'crm.ticket.v1.TicketAssigned' : 'crm.ticket.v1.TicketDeleted');
  h.set('crm-aggregate-id', fields.ticketId);
  await jetstream(nc).publish(`crm.ticket.ticket.${verb}`, data, { msgID: eventId, headers: h });
}

describe('service agents and managers see the accounts of their tickets, fed by service-ticket events', () => {
  let h: CustomerHarness;
  let nc: NatsConnection;
  let accountId: string;
  let agent1: string;
  let agent2: string;
  const ticketId = randomUUID();

  beforeAll(async () => {
    h = await startCustomerHarness('ticket_assignments', { ticketStreamPollMs: 100 });
    nc = await connect({ servers: h.nats.url });
    [agent1, agent2] = await Promise.all([h.userId('agent1'), h.userId('agent2')]);
    const created = await h.graphql<{ createAccount: { account: { id: string } } }>(
      CREATE,
      { input: { account: { name: 'Ticketed Machinery Ltd' } } },
      'rep.east1',
    );
    expect(created.errors).toBeUndefined();
    accountId = created.data!.createAccount.account.id;
  });
  afterAll(async () => {
    await nc?.close();
    await h?.stop();
  });

  async function canRead(as: string): Promise<boolean> {
    const res = await h.graphql<{ account: { id: string } | null }>(READ, { id: accountId }, as);
    if (res.errors) expect(res.errors[0].extensions?.code).toBe('FORBIDDEN');
    return !!res.data?.account;
  }

  /** Waits until the consumer has applied what was published (it runs on its own), then reads once more. */
  async function eventually(as: string, expected: boolean): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await canRead(as)) !== expected) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await canRead(as)).toBe(expected);
  }

  it('stays ready while service-ticket has not declared its stream, and starts consuming once it does', async () => {
    expect(await canRead('agent1')).toBe(false);
    const ready = await fetch(`http://127.0.0.1:${h.app.httpPort}/readyz`);
    expect(ready.status).toBe(200);

    // What service-ticket does at its start.
    await (await jetstreamManager(nc)).streams.add({ name: 'TICKET', subjects: ['crm.ticket.>'] });
    await publishTicketEvent(nc, 'assigned', { ticketId, accountId, agentId: agent1, version: 1 });
    await eventually('agent1', true);
    expect(await canRead('agent2')).toBe(false);

    const listed = await h.graphql<{ accounts: { edges: { node: { id: string } }[] } }>(
      LIST,
      { search: 'Ticketed Machinery' },
      'agent1',
    );
    expect(listed.data!.accounts.edges.map((e) => e.node.id)).toEqual([accountId]);
    expect((await fetch(`http://127.0.0.1:${h.app.httpPort}/readyz`)).status).toBe(200);
  });

  it('moves access with a reassignment, and ignores an older event that arrives late', async () => {
    await publishTicketEvent(nc, 'assigned', { ticketId, accountId, agentId: agent2, version: 2 });
    await eventually('agent2', true);
    expect(await canRead('agent1')).toBe(false);

    // A redelivered or delayed version 1 (another event id, so JetStream does not drop it) changes nothing.
    await publishTicketEvent(nc, 'assigned', { ticketId, accountId, agentId: agent1, version: 1 });
    const marker = randomUUID();
    await publishTicketEvent(nc, 'assigned', { ticketId: marker, accountId, version: 1 });
    const applied = async () =>
      (await h.app.dataSource.query(`SELECT 1 FROM ticket_accounts WHERE ticket_id = $1`, [marker])).length > 0;
    const deadline = Date.now() + 15_000;
    while (!(await applied()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await applied()).toBe(true);
    expect(await canRead('agent1')).toBe(false);
    expect(await canRead('agent2')).toBe(true);
  });

  it('takes access away when the ticket goes back to a queue or is deleted', async () => {
    const second = randomUUID();
    await publishTicketEvent(nc, 'assigned', { ticketId: second, accountId, agentId: agent1, version: 1 });
    await eventually('agent1', true);
    await publishTicketEvent(nc, 'assigned', { ticketId: second, accountId, version: 2 });
    await eventually('agent1', false);

    await publishTicketEvent(nc, 'deleted', { ticketId, accountId, version: 3 });
    await eventually('agent2', false);
    // The account's owner is untouched by any of it.
    expect(await canRead('rep.east1')).toBe(true);
  });

  it("lets the service managers of a ticket's queue read its account, in lists too, until the ticket is deleted", async () => {
    const queued = randomUUID();
    expect(await canRead('service.manager')).toBe(false);
    await publishTicketEvent(nc, 'assigned', { ticketId: queued, accountId, teamId: 'support-b', version: 1 });
    const marker = randomUUID();
    await publishTicketEvent(nc, 'assigned', { ticketId: marker, accountId, teamId: 'support-b', version: 1 });
    const deadline = Date.now() + 15_000;
    const applied = async () =>
      (await h.app.dataSource.query(`SELECT 1 FROM ticket_accounts WHERE ticket_id = $1`, [marker])).length > 0;
    while (!(await applied()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // Another team's queue opens nothing to the service team's manager, nor to an agent without the ticket.
    expect(await canRead('service.manager')).toBe(false);
    await publishTicketEvent(nc, 'assigned', { ticketId: queued, accountId, teamId: 'service', version: 2 });
    await eventually('service.manager', true);
    expect(await canRead('agent1')).toBe(false);
    const listed = await h.graphql<{ accounts: { edges: { node: { id: string } }[] } }>(
      LIST,
      { search: 'Ticketed Machinery' },
      'service.manager',
    );
    expect(listed.data!.accounts.edges.map((e) => e.node.id)).toEqual([accountId]);
    await publishTicketEvent(nc, 'deleted', { ticketId: queued, accountId, version: 3 });
    await publishTicketEvent(nc, 'deleted', { ticketId: marker, accountId, version: 2 });
    await eventually('service.manager', false);
  });
});
