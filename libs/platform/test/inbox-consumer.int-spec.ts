import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { startNats, type NatsServer } from '@crm/testing';
import {
  connectBus,
  deadLetterSubject,
  ensureStream,
  startConsumer,
  type Bus,
  type ConsumedEvent,
  type Consumer,
} from '../src/bus';
import { createBusTestDatabase, readStream, testLogger, waitFor, type BusTestDatabase } from './bus-test-harness';

const APPLIED_EVENTS_TABLE = `CREATE TABLE applied_events (event_id text NOT NULL, applied_at timestamptz DEFAULT now())`;

describe('Inbox consumer', () => {
  const logger = testLogger();
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;
  const consumers: Consumer[] = [];

  /** Publishes as the relay does, except that the Nats-Msg-Id can differ from the event id. */
  async function publishEvent(subject: string, eventId: string, msgId = eventId): Promise<void> {
    const h = natsHeaders();
    h.set('crm-event-id', eventId);
    h.set('crm-event-type', 'crm.test.v1.OrderPlaced');
    h.set('crm-aggregate-id', 'order-1');
    await bus.js.publish(subject, new TextEncoder().encode(`payload of ${eventId}`), { msgID: msgId, headers: h });
  }

  async function appliedCount(eventId: string): Promise<number> {
    const rows: { count: string }[] = await db.dataSource.query(
      'SELECT count(*) AS count FROM applied_events WHERE event_id = $1',
      [eventId],
    );
    return Number(rows[0].count);
  }

  /** Nothing left to deliver and nothing delivered but unacknowledged. */
  async function isCaughtUp(durable: string): Promise<boolean> {
    const info = await bus.jsm.consumers.info('INBOX', durable);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNats(), createBusTestDatabase('inbox_consumer', [APPLIED_EVENTS_TABLE])]);
    bus = await connectBus({ servers: nats.url, name: 'inbox-consumer-test', logger });
    await ensureStream(bus, { name: 'INBOX', subjects: ['crm.inbox.>'] });
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
  });

  it('applies an event it receives twice only once', async () => {
    const eventId = randomUUID();
    const received: ConsumedEvent[] = [];
    const consumer = await startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'INBOX',
      durable: 'twice',
      filterSubjects: ['crm.inbox.order.placed'],
      handler: async (event, manager) => {
        received.push(event);
        await manager.query('INSERT INTO applied_events (event_id) VALUES ($1)', [event.id]);
      },
    });
    consumers.push(consumer);

    // Two msgIDs get past the server's dedup window: the stream holds the event twice.
    await publishEvent('crm.inbox.order.placed', eventId, `${eventId}-first`);
    await publishEvent('crm.inbox.order.placed', eventId, `${eventId}-second`);
    await waitFor(() => isCaughtUp('twice'), 10_000, 'both copies to be acked');

    expect(await appliedCount(eventId)).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      id: eventId,
      subject: 'crm.inbox.order.placed',
      type: 'crm.test.v1.OrderPlaced',
      aggregateId: 'order-1',
      deliveryCount: 1,
    });
    expect(new TextDecoder().decode(received[0].data)).toBe(`payload of ${eventId}`);
    const inbox: unknown[] = await db.dataSource.query('SELECT 1 FROM inbox_events WHERE consumer = $1', ['twice']);
    expect(inbox).toHaveLength(1);
    expect(consumer.isHealthy()).toBe(true);
  });

  it('sends an event whose handler always fails to the dead-letter subject after maxDeliver attempts, and goes on', async () => {
    const poison = randomUUID();
    const next = randomUUID();
    const attempts: number[] = [];
    const consumer = await startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'INBOX',
      durable: 'poison',
      filterSubjects: ['crm.inbox.order.shipped'],
      maxDeliver: 3,
      retryDelayMs: 50,
      handler: async (event, manager) => {
        await manager.query('INSERT INTO applied_events (event_id) VALUES ($1)', [event.id]);
        if (event.id === poison) {
          attempts.push(event.deliveryCount);
          throw new Error('order has no lines');
        }
      },
    });
    consumers.push(consumer);

    await publishEvent('crm.inbox.order.shipped', poison);
    await publishEvent('crm.inbox.order.shipped', next);
    await waitFor(async () => (await readStream(bus, 'DLQ')).length === 1, 15_000, 'the dead letter');
    await waitFor(async () => (await appliedCount(next)) === 1, 10_000, 'the next event to be applied');

    const [deadLetter] = await readStream(bus, 'DLQ');
    expect(deadLetter.subject).toBe(deadLetterSubject('poison'));
    expect(deadLetter.subject).toBe('crm.dlq.poison');
    expect(deadLetter.header.get('crm-dlq-reason')).toBe('handler failed after 3 deliveries: order has no lines');
    expect(deadLetter.header.get('crm-event-id')).toBe(poison);
    expect(deadLetter.header.get('crm-dlq-original-subject')).toBe('crm.inbox.order.shipped');
    expect(new TextDecoder().decode(deadLetter.data)).toBe(`payload of ${poison}`);
    expect(attempts).toEqual([1, 2, 3]);
    // Each failed attempt rolled back, with the handler's writes and the inbox row.
    expect(await appliedCount(poison)).toBe(0);
    const inbox: unknown[] = await db.dataSource.query('SELECT 1 FROM inbox_events WHERE event_id = $1', [poison]);
    expect(inbox).toHaveLength(0);
    await waitFor(() => isCaughtUp('poison'), 5_000, 'the poison message to be terminated');
  });

  it('stops after the message in hand and leaves the rest for the next instance', async () => {
    const first = randomUUID();
    const second = randomUUID();
    let signalEntered: () => void = () => undefined;
    const handlerEntered = new Promise<void>((resolve) => {
      signalEntered = resolve;
    });
    let finishHandler: () => void = () => undefined;
    const handlerMayFinish = new Promise<void>((resolve) => {
      finishHandler = resolve;
    });
    const consumer = await startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'INBOX',
      durable: 'draining',
      filterSubjects: ['crm.inbox.order.cancelled'],
      handler: async (event, manager) => {
        await manager.query('INSERT INTO applied_events (event_id) VALUES ($1)', [event.id]);
        signalEntered();
        await handlerMayFinish;
      },
    });
    await publishEvent('crm.inbox.order.cancelled', first);
    await publishEvent('crm.inbox.order.cancelled', second);
    await handlerEntered;

    const stopped = consumer.stop();
    expect(consumer.isHealthy()).toBe(false);
    finishHandler();
    await stopped;

    expect(await appliedCount(first)).toBe(1);
    expect(await appliedCount(second)).toBe(0);
    const successor = await startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'INBOX',
      durable: 'draining',
      filterSubjects: ['crm.inbox.order.cancelled'],
      handler: async (event, manager) => {
        await manager.query('INSERT INTO applied_events (event_id) VALUES ($1)', [event.id]);
      },
    });
    consumers.push(successor);
    await waitFor(async () => (await appliedCount(second)) === 1, 10_000, 'the successor to apply the rest');
    expect(await appliedCount(first)).toBe(1);
  });

  it('without the stream, fails to start, or waits for it when told to and starts once it is declared', async () => {
    const options = {
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'LATER',
      durable: 'later',
      filterSubjects: ['crm.later.order.placed'],
      handler: async (event: ConsumedEvent, manager: EntityManager) => {
        await manager.query('INSERT INTO applied_events (event_id) VALUES ($1)', [event.id]);
      },
    };
    await expect(startConsumer(options)).rejects.toThrow(/stream not found/i);

    const waiting = await startConsumer({ ...options, awaitStreamPollMs: 50 });
    consumers.push(waiting);
    expect(waiting.isHealthy()).toBe(true); // nothing to consume yet is not a fault of this service

    await ensureStream(bus, { name: 'LATER', subjects: ['crm.later.>'] });
    const eventId = randomUUID();
    await publishEvent('crm.later.order.placed', eventId);
    await waitFor(async () => (await appliedCount(eventId)) === 1, 10_000, 'the event after the stream appeared');
    expect(waiting.isHealthy()).toBe(true);

    // Stopped while still waiting: returns at once and never starts.
    const stopped = await startConsumer({ ...options, stream: 'NEVER', durable: 'never', awaitStreamPollMs: 50 });
    await stopped.stop();
    expect(stopped.isHealthy()).toBe(false);
  });
});
