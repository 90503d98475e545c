import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { startNats, type NatsServer } from '@crm/testing';
import { connectBus, ensureStream, startConsumer, type Bus, type Consumer } from '../src/bus';
import { listParkedMessages } from '../src/operations';
import { operationsCommand, setEnvironment } from './operations-command-runner';
import { createBusTestDatabase, testLogger, waitFor, type BusTestDatabase } from './bus-test-harness';

const APPLIED_EVENTS_TABLE = `CREATE TABLE applied_events (event_id text NOT NULL)`;
const DURABLE = 'orders-shipping';
const PERSONAL_DATA = 'Li Wei, +86 138 0013 8000';

describe('dead-letter replay command', () => {
  const logger = testLogger();
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;
  let consumer: Consumer;
  let handlerBroken = true;
  let environment: { restore(): void } | undefined;

  const ops = operationsCommand({ service: 'orders', databaseUrlVariable: 'ORDERS_DATABASE_URL', projections: {} });

  async function appliedCount(eventId: string): Promise<number> {
    const rows: { count: string }[] = await db.dataSource.query(
      'SELECT count(*) AS count FROM applied_events WHERE event_id = $1',
      [eventId],
    );
    return Number(rows[0].count);
  }

  async function publishEvent(eventId: string, msgId = eventId): Promise<void> {
    const h = natsHeaders();
    h.set('crm-event-id', eventId);
    h.set('crm-event-type', 'crm.orders.v1.OrderShipped');
    h.set('crm-aggregate-id', 'order-7');
    await bus.js.publish('crm.orders.order.shipped', new TextEncoder().encode(`ship to ${PERSONAL_DATA}`), {
      msgID: msgId,
      headers: h,
    });
  }

  async function caughtUp(): Promise<boolean> {
    const info = await bus.jsm.consumers.info('ORDERS', DURABLE);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  }

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNats(), createBusTestDatabase('dlq_replay', [APPLIED_EVENTS_TABLE])]);
    environment = setEnvironment({ NATS_URL: nats.url });
    bus = await connectBus({ servers: nats.url, name: 'dlq-replay-test', logger });
    await ensureStream(bus, { name: 'ORDERS', subjects: ['crm.orders.>'] });
    consumer = await startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'ORDERS',
      durable: DURABLE,
      filterSubjects: ['crm.orders.order.shipped'],
      maxDeliver: 3,
      retryDelayMs: 50,
      handler: async (event, manager) => {
        if (handlerBroken) throw new Error('carrier code missing');
        await manager.query('INSERT INTO applied_events (event_id) VALUES ($1)', [event.id]);
      },
    });
  });

  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
    environment?.restore();
  });

  it('lists a parked message without its payload, replays it once after the fix, and a second replay changes nothing', async () => {
    const eventId = randomUUID();
    await publishEvent(eventId);
    await waitFor(async () => (await listParkedMessages(bus, DURABLE)).length === 1, 15_000, 'the event to be parked');

    const listed = await ops('dlq', 'list', DURABLE);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(
      new RegExp(
        `seq=\\d+ parked=\\S+ subject=crm\\.orders\\.order\\.shipped type=crm\\.orders\\.v1\\.OrderShipped event=${eventId} deliveries=3 reason="handler failed after 3 deliveries: carrier code missing"`,
      ),
    );
    expect(listed.out).toContain(`1 message(s) parked by ${DURABLE}`);
    expect(listed.out).not.toContain(PERSONAL_DATA);

    handlerBroken = false;
    const dryRun = await ops('dlq', 'replay', DURABLE, '--all', '--dry-run');
    expect(dryRun.out).toContain('1 message(s) would be replayed (dry run: nothing changed)');
    expect(await listParkedMessages(bus, DURABLE)).toHaveLength(1);

    const replay = await ops('dlq', 'replay', DURABLE, '--all');
    expect(replay.code).toBe(0);
    expect(replay.out).toContain(`replayed seq=`);
    expect(replay.out).toContain('1 message(s) replayed');
    await waitFor(async () => (await appliedCount(eventId)) === 1, 10_000, 'the replayed event to be applied');
    expect(await listParkedMessages(bus, DURABLE)).toEqual([]);

    const again = await ops('dlq', 'replay', DURABLE, '--all');
    expect(again.out).toContain('0 message(s) replayed');
    // A copy published again after the duplicate window (an interrupted replay re-run later) meets the inbox.
    await publishEvent(eventId, `${eventId}-late-copy`);
    await waitFor(caughtUp, 10_000, 'the late copy to be settled');
    expect(await appliedCount(eventId)).toBe(1);
  });

  it('replays only the chosen sequence and says which requested ones are not parked', async () => {
    handlerBroken = true;
    const [first, second] = [randomUUID(), randomUUID()];
    await publishEvent(first);
    await publishEvent(second);
    await waitFor(async () => (await listParkedMessages(bus, DURABLE)).length === 2, 15_000, 'both to be parked');
    const [parkedFirst] = (await listParkedMessages(bus, DURABLE)).filter((p) => p.eventId === first);

    handlerBroken = false;
    const replay = await ops('dlq', 'replay', DURABLE, '--seq', String(parkedFirst.seq), '--seq', '999999');
    expect(replay.code).toBe(1);
    expect(replay.out).toContain(`not parked by ${DURABLE}: seq=999999`);
    await waitFor(async () => (await appliedCount(first)) === 1, 10_000, 'the chosen event to be applied');
    expect(await appliedCount(second)).toBe(0);
    expect((await listParkedMessages(bus, DURABLE)).map((p) => p.eventId)).toEqual([second]);
  });

  it('refuses a malformed command line with the usage and changes nothing', async () => {
    const both = await ops('dlq', 'replay', DURABLE);
    expect(both.code).toBe(2);
    expect(both.err).toContain('dlq replay takes --seq N (one or more) or --all');
    const wildcard = await ops('dlq', 'list', '>');
    expect(wildcard.code).toBe(2);
    expect(wildcard.err).toContain('durable must be letters, digits, - or _ (got ">")');
    expect((await listParkedMessages(bus, DURABLE)).length).toBe(1);
  });
});
