import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { startNats, type NatsServer } from '@crm/testing';
import { connectBus, ensureStream, OutboxRelay, startConsumer, type Bus, type Consumer } from '../src/bus';
import {
  commitEvents,
  createBusTestDatabase,
  testEvent,
  testLogger,
  waitFor,
  type BusTestDatabase,
} from './bus-test-harness';

describe('Trace context across the bus', () => {
  const logger = testLogger();
  const contextManager = new AsyncLocalStorageContextManager();
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;
  let relay: OutboxRelay;
  let consumer: Consumer;

  beforeAll(async () => {
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    [nats, db] = await Promise.all([startNats(), createBusTestDatabase('bus_trace')]);
    bus = await connectBus({ servers: nats.url, name: 'bus-trace-test', logger });
    await ensureStream(bus, { name: 'TRACE', subjects: ['crm.trace.>'] });
    relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger });
    await relay.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
    context.disable();
    propagation.disable();
  });

  it('runs the handler in the trace of the request that wrote the event', async () => {
    const writer = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    };
    const seen: { traceId?: string; traceparent?: string }[] = [];
    consumer = await startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'TRACE',
      durable: 'trace-reader',
      filterSubjects: ['crm.trace.>'],
      handler: async (event) => {
        seen.push({ traceId: trace.getSpanContext(context.active())?.traceId, traceparent: event.headers.traceparent });
      },
    });

    const event = testEvent({ subject: 'crm.trace.account.created' });
    await context.with(trace.setSpanContext(context.active(), writer), () => commitEvents(db.dataSource, [event]));
    await waitFor(() => seen.length === 1, 10_000, 'the handler to run');

    expect(seen[0]).toEqual({ traceId: writer.traceId, traceparent: `00-${writer.traceId}-${writer.spanId}-01` });
  });
});
