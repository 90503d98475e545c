import { createHash, randomBytes } from 'node:crypto';
import { demoUser, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';
import { graphqlClient } from './gateway-client';

// What the portal needs of tickets, through the gateway's host only: the queue of an agent's day (SLA standing, next
// deadline, the agent as a User reference), and attachments going up and coming down through the gateway's proxy
// routes, authorized by the ticket service with the caller's own token.

const png = (size: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the portal’s ticket API through the gateway', () => {
  let stack: Stack;
  let origin: string;
  let ticketId: string;
  const client = graphqlClient(() => stack.urls.gateway);

  beforeAll(async () => {
    stack = await startE2eStack('portal_tickets');
    origin = new URL(stack.urls.gateway).origin;
    const created = await client.must<{ createAccount: { account: { id: string } } }>(
      'rep.east1',
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      { input: { account: { name: 'Attachment Proxy Pumps Co., Ltd.' }, duplicatePolicy: 'OVERRIDE' } },
    );
    const ticket = await client.must<{ createTicket: { id: string } }>(
      'agent1',
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
      {
        input: {
          accountId: created.createAccount.account.id,
          subject: 'Pump leaks',
          channel: 'PHONE',
          category: 'hardware',
        },
      },
    );
    ticketId = ticket.createTicket.id;
  }, 180_000);
  afterAll(() => stack?.stop());

  it('lists the queue by next SLA deadline with each ticket’s standing and its agent as a User', async () => {
    await client.must('agent1', `mutation($id: ID!, $a: ID) { assignTicket(id: $id, agentId: $a) { id } }`, {
      id: ticketId,
      a: demoUser('agent1').id,
    });
    const queue = await client.must<{
      tickets: { totalCount: number; edges: { node: { id: string; agent: { id: string } | null; sla: unknown } }[] };
    }>(
      'agent1',
      `{ tickets(filter: { slaStates: [ON_TRACK, AT_RISK], search: "pump" }, sort: NEXT_DEADLINE, first: 5) {
        totalCount edges { node { id agent { id } sla { state nextDeadlineKind } } } } }`,
    );
    expect(queue.tickets.totalCount).toBe(1);
    expect(queue.tickets.edges[0]?.node).toEqual({
      id: ticketId,
      agent: { id: demoUser('agent1').id },
      sla: { state: 'ON_TRACK', nextDeadlineKind: 'FIRST_RESPONSE' },
    });
  });

  it('names the ticket’s queue by its team for agent, service manager and crm-admin, a removed team as null', async () => {
    const query = `query($id: ID!) { ticket(id: $id) { teamId queue { id name } } }`;
    for (const user of ['agent1', 'service.manager', 'admin1'] as const) {
      const seen = await client.must<{ ticket: { teamId: string; queue: { id: string; name: string } | null } }>(
        user,
        query,
        { id: ticketId },
      );
      expect(seen.ticket).toEqual({ teamId: 'service', queue: { id: 'service', name: 'Customer service team' } });
    }
    const orphan = await client.must<{ createTicket: { id: string; teamId: string; queue: unknown } }>(
      'admin1',
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id teamId queue { id name } } }`,
      {
        input: {
          accountId: (
            await client.must<{ ticket: { accountId: string } }>(
              'admin1',
              `query($id: ID!) { ticket(id: $id) { accountId } }`,
              { id: ticketId },
            )
          ).ticket.accountId,
          subject: 'Queue of a disbanded team',
          channel: 'PHONE',
          category: 'hardware',
          teamId: 'service-disbanded',
        },
      },
    );
    expect(orphan.createTicket).toMatchObject({ teamId: 'service-disbanded', queue: null });
  });

  it('uploads a streamed file and downloads the same bytes, via the path the graph gives', async () => {
    const bytes = png(300_000);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const up = await fetch(`${origin}/tickets/${ticketId}/attachments`, {
      method: 'POST',
      headers: {
        authorization: await client.bearer('agent1'),
        'content-type': 'image/png',
        'x-file-name': encodeURIComponent('泵 照片.png'),
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(up.status).toBe(201);
    expect(await up.json()).toMatchObject({ fileName: '泵 照片.png', sizeBytes: bytes.length, sha256: sha256(bytes) });

    const listed = await client.must<{ ticket: { attachments: { downloadPath: string }[] } }>(
      'agent1',
      `query($id: ID!) { ticket(id: $id) { attachments { downloadPath } } }`,
      { id: ticketId },
    );
    const path = listed.ticket.attachments[0]!.downloadPath;
    const down = await fetch(`${origin}${path}`, { headers: { authorization: await client.bearer('agent1') } });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(Buffer.from(await down.arrayBuffer()))).toBe(sha256(bytes));

    const stranger = await fetch(`${origin}${path}`, { headers: { authorization: await client.bearer('rep.south1') } });
    expect(stranger.status).toBe(403);
    const anonymous = await fetch(`${origin}${path}`);
    expect(anonymous.status).toBe(401);
  });
});
