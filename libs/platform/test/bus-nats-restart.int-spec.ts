import { startNats, type NatsServer } from '@crm/testing';
import { connectBus, ensureStream, OutboxRelay, startConsumer, type Bus, type Consumer } from '../src/bus';
import {
  commitEvents,
  countByEventId,
  createBusTestDatabase,
  readStream,
  testEvent,
  testLogger,
  waitFor,
  type BusTestDatabase,
} from './bus-test-harness';

const APPLIED_EVENTS_TABLE = `CREATE TABLE applied_events (event_id text NOT NULL)`;
const EVENT_COUNT = 60;

describe('Event bus across a NATS restart', () => {
  const logger = testLogger();
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;
  let relay: OutboxRelay;
  let consumer: Consumer;

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNats(), createBusTestDatabase('bus_nats_restart', [APPLIED_EVENTS_TABLE])]);
    bus = await connectBus({ servers: nats.url, name: 'bus-nats-restart-test', logger });
    await ensureStream(bus, { name: 'RESTART', subjects: ['crm.restart.>'] });
    relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger, pollIntervalMs: 200, publishTimeoutMs: 1_000 });
    await relay.start();
    consumer = await startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'RESTART',
      durable: 'restart-projection',
      filterSubjects: ['crm.restart.>'],
      ackWaitMs: 2_000,
      retryDelayMs: 100,
      handler: async (event, manager) => {
        await manager.query('INSERT INTO applied_events (event_id) VALUES ($1)', [event.id]);
      },
    });
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
  });

  it('delivers and applies every event written during the restart exactly once', async () => {
    const events = Array.from({ length: EVENT_COUNT }, (_, i) =>
      testEvent({ subject: 'crm.restart.account.updated', aggregateId: `account-${i % 5}` }),
    );
    const writes = (async () => {
      for (const event of events) {
        await commitEvents(db.dataSource, [event]);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await waitFor(
      async () => {
        const rows: { count: string }[] = await db.dataSource.query(
          'SELECT count(*) AS count FROM outbox_events WHERE published_at IS NOT NULL',
        );
        return Number(rows[0].count) >= EVENT_COUNT / 3;
      },
      10_000,
      'a third of the events to be relayed',
    );
    await nats.restart();
    await writes;

    expect(await relay.flush(20_000)).toBe(true);
    const counts = countByEventId(await readStream(bus, 'RESTART'));
    expect(events.filter((e) => counts.get(e.id) !== 1)).toEqual([]);
    expect(counts.size).toBe(EVENT_COUNT);

    await waitFor(
      async () => {
        const rows: { count: string }[] = await db.dataSource.query('SELECT count(*) AS count FROM applied_events');
        return Number(rows[0].count) >= EVENT_COUNT;
      },
      20_000,
      'the consumer to apply every event',
    );
    const applied: { event_id: string; times: string }[] = await db.dataSource.query(
      'SELECT event_id, count(*) AS times FROM applied_events GROUP BY event_id',
    );
    expect(applied).toHaveLength(EVENT_COUNT);
    expect(applied.filter((row) => row.times !== '1')).toEqual([]);
    expect(new Set(applied.map((row) => row.event_id))).toEqual(new Set(events.map((e) => e.id)));
    await waitFor(() => bus.isConnected() && consumer.isHealthy(), 10_000, 'the consumer to report healthy');
  });
});
