import { startNats, type NatsServer } from '@crm/testing';
import {
  appendManyToOutbox,
  appendToOutbox,
  connectBus,
  ensureStream,
  OutboxRelay,
  startConsumer,
  type Bus,
  type Consumer,
} from '../src/bus';
import {
  createBusTestDatabase,
  readStream,
  testEvent,
  testLogger,
  waitFor,
  type BusTestDatabase,
} from './bus-test-harness';

// What a consumer keeps per aggregate to ignore stale or repeated events.
const POSITIONS_TABLE = `CREATE TABLE order_positions (order_id text PRIMARY KEY, position bigint NOT NULL)`;
const APPLIED_TABLE = `CREATE TABLE applied_order_events (event_id text PRIMARY KEY)`;

describe('Event order within an aggregate', () => {
  const logger = testLogger();
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    [nats, db] = await Promise.all([
      startNats(),
      createBusTestDatabase('event_order', [POSITIONS_TABLE, APPLIED_TABLE]),
    ]);
    bus = await connectBus({ servers: nats.url, name: 'event-order-test', logger });
    await ensureStream(bus, { name: 'ORDERS', subjects: ['crm.orders.>'] });
  });

  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
  });

  it('gives every event of one change its own increasing sequence, and a guarded consumer applies all of them', async () => {
    // One change (one aggregate version) emits three sibling events; then a bulk write adds two more.
    const siblings = ['placed', 'priced', 'confirmed'].map((verb) =>
      testEvent({ subject: `crm.orders.order.${verb}`, aggregateId: 'order-1' }),
    );
    const bulk = [
      testEvent({ subject: 'crm.orders.order.shipped', aggregateId: 'order-1' }),
      testEvent({ subject: 'crm.orders.order.placed', aggregateId: 'order-2' }),
      testEvent({ subject: 'crm.orders.order.delivered', aggregateId: 'order-1' }),
    ];
    await db.dataSource.transaction(async (manager) => {
      for (const event of siblings) await appendToOutbox(manager, event);
    });
    await db.dataSource.transaction((manager) => appendManyToOutbox(manager, bulk));
    expect(await new OutboxRelay({ dataSource: db.dataSource, bus, logger }).flush(10_000)).toBe(true);

    const stored = await readStream(bus, 'ORDERS');
    expect(stored.map((m) => [m.header.get('crm-aggregate-id'), m.header.get('crm-aggregate-seq')])).toEqual([
      ['order-1', '1'],
      ['order-1', '2'],
      ['order-1', '3'],
      ['order-1', '4'],
      ['order-2', '1'],
      ['order-1', '5'],
    ]);

    consumer = await startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'ORDERS',
      durable: 'order-positions',
      filterSubjects: ['crm.orders.>'],
      handler: async (event, manager) => {
        const moved: unknown[] = await manager.query(
          `INSERT INTO order_positions (order_id, position) VALUES ($1, $2)
           ON CONFLICT (order_id) DO UPDATE SET position = EXCLUDED.position
           WHERE order_positions.position < EXCLUDED.position RETURNING order_id`,
          [event.aggregateId, event.aggregateSequence],
        );
        if (moved.length) await manager.query('INSERT INTO applied_order_events (event_id) VALUES ($1)', [event.id]);
      },
    });
    const all = [...siblings, ...bulk];
    await waitFor(
      async () => (await db.dataSource.query('SELECT 1 FROM applied_order_events')).length === all.length,
      10_000,
      'every event to pass the guard',
    );
    const applied: { event_id: string }[] = await db.dataSource.query('SELECT event_id FROM applied_order_events');
    expect(applied.map((r) => r.event_id).sort()).toEqual(all.map((e) => e.id).sort());
    expect(await db.dataSource.query('SELECT order_id, position FROM order_positions ORDER BY order_id')).toEqual([
      { order_id: 'order-1', position: '5' },
      { order_id: 'order-2', position: '1' },
    ]);
  });
});
