import { randomUUID } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { startNats, type NatsServer } from '@crm/testing';
import { connectBus, ensureStream, startConsumer, type Bus, type Consumer } from '../src/bus';
import { operationsCommand, setEnvironment } from './operations-command-runner';
import { createBusTestDatabase, testLogger, waitFor, type BusTestDatabase } from './bus-test-harness';

const APPLIED_EVENTS_TABLE = `CREATE TABLE applied_events (event_id text NOT NULL)`;
const DURABLE = 'orders-billing';

describe('consumer rewind command (after a database restore)', () => {
  const logger = testLogger();
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;
  let environment: { restore(): void } | undefined;
  const handled: string[] = [];

  const ops = operationsCommand({ service: 'orders', databaseUrlVariable: 'ORDERS_DATABASE_URL', projections: {} });

  async function publishEvent(eventId: string): Promise<void> {
    const h = natsHeaders();
    h.set('crm-event-id', eventId);
    h.set('crm-event-type', 'crm.orders.v1.OrderBilled');
    await bus.js.publish('crm.orders.order.billed', new TextEncoder().encode('{}'), { msgID: eventId, headers: h });
  }

  function start(): Promise<Consumer> {
    return startConsumer({
      bus,
      dataSource: db.dataSource,
      logger,
      stream: 'ORDERS',
      durable: DURABLE,
      filterSubjects: ['crm.orders.order.billed'],
      handler: async (event, manager) => {
        handled.push(event.id);
        await manager.query('INSERT INTO applied_events (event_id) VALUES ($1)', [event.id]);
      },
    });
  }

  async function applied(): Promise<string[]> {
    const rows: { event_id: string }[] = await db.dataSource.query('SELECT event_id FROM applied_events');
    return rows.map((r) => r.event_id).sort();
  }

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNats(), createBusTestDatabase('consumer_rewind', [APPLIED_EVENTS_TABLE])]);
    environment = setEnvironment({ NATS_URL: nats.url });
    bus = await connectBus({ servers: nats.url, name: 'consumer-rewind-test', logger });
    await ensureStream(bus, { name: 'ORDERS', subjects: ['crm.orders.>'] });
  });

  afterAll(async () => {
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
    environment?.restore();
  });

  it('redelivers what came after the backup: the restored inbox skips what it holds, the lost event is applied again', async () => {
    const [beforeBackup, keptAfterBackup, lostAfterBackup] = [randomUUID(), randomUUID(), randomUUID()];
    let consumer = await start();
    await publishEvent(beforeBackup);
    await waitFor(async () => (await applied()).length === 1, 10_000, 'the first event');
    await new Promise((r) => setTimeout(r, 50));
    const backupTime = new Date();
    await publishEvent(keptAfterBackup);
    await publishEvent(lostAfterBackup);
    await waitFor(async () => (await applied()).length === 3, 10_000, 'all three events');

    const busy = await ops('consumers', 'rewind', 'ORDERS', DURABLE, '--since', backupTime.toISOString());
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/pull request\(s\) are waiting on orders-billing: scale the service/);

    await consumer.stop();
    // The restore lost the last event's effect and its inbox row (as a backup taken before it would).
    await db.dataSource.query('DELETE FROM applied_events WHERE event_id = $1', [lostAfterBackup]);
    await db.dataSource.query('DELETE FROM inbox_events WHERE event_id = $1', [lostAfterBackup]);
    // The stopped service's last pull request expires on the server (30 s) before the durable may be replaced.
    await waitFor(
      async () => (await bus.jsm.consumers.info('ORDERS', DURABLE)).num_waiting === 0,
      45_000,
      'the pull requests to expire',
    );
    const rewound = await ops('consumers', 'rewind', 'ORDERS', DURABLE, '--since', backupTime.toISOString());
    expect(rewound.err).toBe('');
    expect(rewound.out).toBe(
      `${DURABLE} on ORDERS rewound to ${backupTime.toISOString()}: 2 message(s) to deliver again`,
    );

    handled.length = 0;
    consumer = await start();
    await waitFor(async () => (await applied()).length === 3, 10_000, 'the lost event to be applied again');
    await consumer.stop();
    expect(await applied()).toEqual([beforeBackup, keptAfterBackup, lostAfterBackup].sort());
    expect(handled).toEqual([lostAfterBackup]);
    const info = await bus.jsm.consumers.info('ORDERS', DURABLE);
    expect(info.config.filter_subjects ?? [info.config.filter_subject]).toEqual(['crm.orders.order.billed']);
  }, 90_000);

  it('refuses a time in the future or not a time', async () => {
    const future = await ops('consumers', 'rewind', 'ORDERS', DURABLE, '--since', '2999-01-01T00:00:00Z');
    expect(future.code).toBe(2);
    expect(future.err).toContain(
      '--since must be a past ISO time such as 2026-11-30T21:00:00Z (got "2999-01-01T00:00:00Z")',
    );
  });
});
