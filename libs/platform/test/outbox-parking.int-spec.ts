import { startNats, type NatsServer } from '@crm/testing';
import { InputError } from '../src/errors';
import {
  appendToOutbox,
  connectBus,
  ensureStream,
  outboxBacklogCheck,
  OutboxRelay,
  readOutboxBacklog,
  unparkOutboxEvents,
  type Bus,
} from '../src/bus';
import {
  commitEvents,
  createBusTestDatabase,
  readStream,
  testEvent,
  testLogger,
  waitFor,
  type BusTestDatabase,
} from './bus-test-harness';

interface OutboxState {
  id: string;
  published: boolean;
  attempts: number;
  park_reason: string | null;
}

describe('Outbox: a row that can never be published', () => {
  const logger = testLogger();
  const MAX_PAYLOAD = 4096;
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;

  async function outboxState(): Promise<OutboxState[]> {
    return db.dataSource.query(
      `SELECT id, published_at IS NOT NULL AS published, attempts, park_reason FROM outbox_events ORDER BY seq`,
    );
  }

  beforeAll(async () => {
    [nats, db] = await Promise.all([
      startNats({ maxPayloadBytes: MAX_PAYLOAD }),
      createBusTestDatabase('outbox_parking', [`CREATE TABLE orders (id text PRIMARY KEY)`]),
    ]);
    bus = await connectBus({ servers: nats.url, name: 'outbox-parking-test', logger });
    await ensureStream(bus, { name: 'PARKING', subjects: ['crm.parking.>'] });
  });

  afterAll(async () => {
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
  });

  afterEach(async () => {
    await db.dataSource.query('DELETE FROM outbox_events');
  });

  it('parks an event over the server max_payload with the reason, and publishes the events after it', async () => {
    const before = testEvent({ subject: 'crm.parking.order.placed' });
    const huge = testEvent({ subject: 'crm.parking.order.placed', payload: new Uint8Array(MAX_PAYLOAD * 2) });
    const after = testEvent({ subject: 'crm.parking.order.placed' });
    await commitEvents(db.dataSource, [before, huge, after]);

    const relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger });
    expect(await relay.flush(10_000)).toBe(true);

    const published = (await readStream(bus, 'PARKING')).map((m) => m.header.get('crm-event-id'));
    expect(published).toEqual([before.id, after.id]);
    const state = await outboxState();
    expect(state.map((r) => [r.id, r.published, r.attempts])).toEqual([
      [before.id, true, 1],
      [huge.id, false, 1],
      [after.id, true, 1],
    ]);
    expect(state[1].park_reason).toMatch(/exceeds the NATS server's max_payload of 4096 bytes/);

    expect(await readOutboxBacklog(db.dataSource)).toEqual({ pending: 0, parked: 1, oldestPendingAgeMs: 0 });
    await expect(outboxBacklogCheck(db.dataSource).check()).rejects.toThrow('1 outbox events are parked');
  });

  it('parks a row after its bounded attempts while JetStream answers, and an operator can requeue it', async () => {
    // No stream listens on this subject: every publish fails, although JetStream is up.
    const orphan = testEvent({ subject: 'crm.nostream.order.placed' });
    const after = testEvent({ subject: 'crm.parking.order.placed' });
    await commitEvents(db.dataSource, [orphan, after]);

    const relay = new OutboxRelay({
      dataSource: db.dataSource,
      bus,
      logger,
      maxPublishAttempts: 3,
      publishTimeoutMs: 500,
      pollIntervalMs: 100,
    });
    await relay.start();
    await waitFor(async () => (await relay.pendingCount()) === 0, 20_000, 'the orphan to be parked');
    await relay.stop();

    const state = await outboxState();
    expect(state.map((r) => [r.id, r.published, r.attempts])).toEqual([
      [orphan.id, false, 3],
      [after.id, true, 1],
    ]);
    expect(state[0].park_reason).toMatch(/^gave up after 3 attempts; last error: /);

    expect(await unparkOutboxEvents(db.dataSource, [orphan.id])).toBe(1);
    expect(await relay.pendingCount()).toBe(1);
  });

  it('refuses to append an event over the size limit, and the transaction writes nothing', async () => {
    const tooLarge = testEvent({ subject: 'crm.parking.order.placed', payload: new Uint8Array(2_000) });
    const write = db.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO orders (id) VALUES ('order-too-large')`);
      await appendToOutbox(manager, tooLarge, { maxEventBytes: 1_000 });
    });

    await expect(write).rejects.toBeInstanceOf(InputError);
    await expect(write).rejects.toMatchObject({
      violations: [{ path: ['Order'], rule: 'event_size' }],
      message: expect.stringMatching(/event of 20\d\d bytes; events are limited to 1000 bytes/),
    });
    expect(await db.dataSource.query(`SELECT id FROM orders`)).toEqual([]);
    expect(await outboxState()).toEqual([]);
  });

  it('refuses an event over the default limit (1 MiB less headroom)', async () => {
    const tooLarge = testEvent({ subject: 'crm.parking.order.placed', payload: new Uint8Array(1024 * 1024) });
    await expect(commitEvents(db.dataSource, [tooLarge])).rejects.toMatchObject({
      violations: [{ rule: 'event_size' }],
    });
    expect(await outboxState()).toEqual([]);
  });
});
