import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type Stack } from '@crm/testing';
import { e2eLogDirectory } from './e2e-log-directory';
import { startE2eStack } from './e2e-stack';
import { graphqlClient } from './gateway-client';
import { OtlpSpanKind, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
import { readLogLines, type LogLine } from './process-logs';

// One trace per request, across every hop of the deployed stack: the caller's traceparent → the gateway → the ticket
// subgraph → gRPC to the customer service → the outbox → NATS headers → the customer service's consumer. Every process
// exports its spans over OTLP/HTTP to this test, which walks the parent links; the same request's log lines carry the
// trace id.

const CREATE_TICKET = `mutation OpenTicket($input: CreateTicketInput!) { createTicket(input: $input) { id } }`;
const CHECK_ACCOUNT = '/crm.customer.v1.CustomerService/CheckAccountAccess';
const REQUESTER = 'trace.requester.k7q@example-trace.cn';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The span's ancestors within the trace, nearest first. */
function ancestors(span: ReceivedSpan, byId: Map<string, ReceivedSpan>): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) chain.push(parent);
  return chain;
}

describe('one trace per request across the platform', () => {
  let receiver: OtlpReceiver;
  let stack: Stack;
  const logs = e2eLogDirectory('trace');
  const logDir = logs.path;
  const client = graphqlClient(() => stack.urls.gateway);
  const traceId = randomBytes(16).toString('hex');
  const browserSpanId = randomBytes(8).toString('hex');
  let spans: ReceivedSpan[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await startE2eStack('trace', {
      telemetry: true,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' },
      logDir,
      logLevel: 'info',
    });
    const created = await client.must<{ createAccount: { account: { id: string } } }>(
      'rep.east1',
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      { input: { account: { name: 'Trace Hops Co., Ltd.' }, duplicatePolicy: 'OVERRIDE' } },
    );
    // The portal's fetch as a browser with tracing would send it: the gateway must continue this trace.
    const response = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: await client.bearer('agent1'),
        traceparent: `00-${traceId}-${browserSpanId}-01`,
      },
      body: JSON.stringify({
        query: CREATE_TICKET,
        operationName: 'OpenTicket',
        variables: {
          input: {
            accountId: created.createAccount.account.id,
            subject: 'Printer on fire',
            channel: 'EMAIL',
            category: 'hardware',
            requesterEmail: REQUESTER,
          },
        },
      }),
    });
    expect(await response.json()).toMatchObject({ data: { createTicket: { id: expect.any(String) } } });

    const inTrace = () => receiver.spans().filter((s) => s.traceId === traceId);
    const deadline = Date.now() + 20_000;
    const complete = () =>
      inTrace().some((s) => s.kind === OtlpSpanKind.consumer && s.service === 'customer') &&
      inTrace().some((s) => s.parentSpanId === browserSpanId);
    while (!complete() && Date.now() < deadline) await sleep(100);
    await sleep(500); // the exporters' next batch: spans that ended just before the consumer's
    spans = inTrace();
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
    logs.removeUnlessFailed();
  });

  it('continues the caller trace through gateway, subgraph, gRPC and the NATS consumer of another service', () => {
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const find = (what: string, test: (s: ReceivedSpan) => boolean): ReceivedSpan => {
      const found = spans.filter(test);
      if (found.length !== 1) throw new Error(`expected one ${what} span in the trace, found ${found.length}`);
      return found[0]!;
    };
    const gatewayServer = find('gateway server', (s) => s.service === 'gateway' && s.kind === OtlpSpanKind.server);
    const gatewayFetch = find(
      'gateway subgraph fetch',
      (s) => s.service === 'gateway' && s.kind === OtlpSpanKind.client,
    );
    const subgraphServer = find(
      'ticket subgraph server',
      (s) => s.service === 'service-ticket' && s.kind === OtlpSpanKind.server,
    );
    const grpcClient = find(
      'gRPC client',
      (s) =>
        s.service === 'service-ticket' && s.kind === OtlpSpanKind.client && s.name.includes(CHECK_ACCOUNT.slice(1)),
    );
    const grpcServer = find(
      'gRPC server',
      (s) => s.service === 'customer' && s.kind === OtlpSpanKind.server && s.name.includes(CHECK_ACCOUNT.slice(1)),
    );
    const created = find(
      'outbox message creation',
      (s) =>
        s.service === 'service-ticket' &&
        s.kind === OtlpSpanKind.producer &&
        s.name.startsWith('crm.ticket.ticket.assigned'),
    );
    const consumer = find(
      'consumer',
      (s) =>
        s.service === 'customer' && s.kind === OtlpSpanKind.consumer && s.name.startsWith('crm.ticket.ticket.assigned'),
    );

    // Across a process or the bus: the direct parent. Within a process: an ancestor (express/Apollo spans between).
    const hops: [string, ReceivedSpan | string, ReceivedSpan, 'parent' | 'ancestor'][] = [
      ['browser → gateway', browserSpanId, gatewayServer, 'parent'],
      ['gateway → its subgraph fetch', gatewayServer, gatewayFetch, 'ancestor'],
      ['subgraph fetch → ticket subgraph', gatewayFetch, subgraphServer, 'parent'],
      ['ticket subgraph → gRPC client', subgraphServer, grpcClient, 'ancestor'],
      ['gRPC client → customer gRPC server', grpcClient, grpcServer, 'parent'],
      ['ticket subgraph → outbox message', subgraphServer, created, 'ancestor'],
      ['outbox message → NATS → customer consumer', created, consumer, 'parent'],
    ];
    for (const [hop, from, to, link] of hops) {
      const fromId = typeof from === 'string' ? from : from.spanId;
      const linked =
        link === 'parent' ? to.parentSpanId === fromId : ancestors(to, byId).some((a) => a.spanId === fromId);
      if (!linked) throw new Error(`broken hop ${hop}: ${to.name} (${to.service}) does not descend from ${fromId}`);
    }
    process.stdout.write(`trace ${traceId}: ${spans.length} spans in 3 processes, hops: ${hops.length}\n`);
    expect(hops).toHaveLength(7);

    // One tree: every span's parent is in the trace, except the gateway's, whose parent is the caller's span.
    const orphans = spans.filter((s) => !byId.has(s.parentSpanId));
    expect(orphans.map((s) => [s.service, s.name, s.parentSpanId])).toEqual([
      ['gateway', gatewayServer.name, browserSpanId],
    ]);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['gateway', 'service-ticket', 'customer']));
  });

  describe('the request log line', () => {
    const requestLines = async (service: string, test: (line: LogLine) => boolean) => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const lines = readLogLines(join(logDir, `${service}.log`)).filter((l) => l.msg === 'request' && test(l));
        if (lines.length || Date.now() > deadline) return lines;
        await sleep(100);
      }
    };

    it('is one line on the gateway with the GraphQL operation, status, duration and the trace id', async () => {
      const lines = await requestLines('gateway', (l) => l.traceId === traceId);
      expect(lines).toEqual([
        expect.objectContaining({
          protocol: 'graphql',
          route: 'mutation OpenTicket',
          status: 200,
          durationMs: expect.any(Number),
          requestId: expect.any(String),
        }),
      ]);
    });

    it('is one line in the ticket subgraph with the operation the gateway planned, in the same trace', async () => {
      const lines = await requestLines('service-ticket', (l) => l.traceId === traceId);
      expect(lines).toEqual([
        expect.objectContaining({
          protocol: 'graphql',
          route: expect.stringMatching(/^mutation OpenTicket__/),
          status: 200,
        }),
      ]);
    });

    it('is one line per gRPC call on the server, with the RPC method as route, in the same trace', async () => {
      const lines = await requestLines('customer', (l) => l.traceId === traceId);
      expect(lines).toEqual([
        expect.objectContaining({
          protocol: 'grpc',
          route: CHECK_ACCOUNT,
          status: 'OK',
          durationMs: expect.any(Number),
        }),
      ]);
    });

    it('names an HTTP request by its route template: no ids, no query string, no personal data', async () => {
      const ticketId = randomUUID();
      const attachmentId = randomUUID();
      const response = await fetch(
        `${stack.urls.gateway.replace(/\/graphql$/, '')}/tickets/${ticketId}/attachments/${attachmentId}?email=${encodeURIComponent(REQUESTER)}`,
        { headers: { authorization: await client.bearer('agent1') } },
      );
      await response.arrayBuffer();
      const lines = await requestLines('gateway', (l) => l.route === 'GET /tickets/:id/attachments/:attachmentId');
      expect(lines).toEqual([expect.objectContaining({ protocol: 'http', status: response.status })]);
      const everything = ['gateway', 'service-ticket', 'customer']
        .flatMap((service) => readLogLines(join(logDir, `${service}.log`)))
        .map((line) => JSON.stringify(line));
      for (const secret of [ticketId, attachmentId, REQUESTER, '?email']) {
        expect(everything.filter((line) => line.includes(secret))).toEqual([]);
      }
    });
  });
});
