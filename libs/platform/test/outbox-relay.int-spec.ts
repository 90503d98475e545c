import { startNats, type NatsServer } from '@crm/testing';
import { connectBus, ensureStream, OutboxRelay, type Bus } from '../src/bus';
import {
  commitEvents,
  createBusTestDatabase,
  readStream,
  testEvent,
  testLogger,
  unpublishedIds,
  waitFor,
  type BusTestDatabase,
} from './bus-test-harness';
import { appendToOutbox } from '../src/bus';

describe('Outbox relay', () => {
  const logger = testLogger();
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;
  let stream = 0;

  /** Each test gets its own stream, so it sees only its own messages. */
  async function freshStream(): Promise<string> {
    stream += 1;
    const name = `RELAY${stream}`;
    await ensureStream(bus, { name, subjects: [`crm.relay${stream}.>`] });
    return name;
  }

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNats(), createBusTestDatabase('outbox_relay')]);
    bus = await connectBus({ servers: nats.url, name: 'outbox-relay-test', logger });
  });

  afterAll(async () => {
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
  });

  afterEach(async () => {
    await db.dataSource.query('DELETE FROM outbox_events');
  });

  it('publishes committed events in seq order, with Nats-Msg-Id = event id, and marks them published', async () => {
    const name = await freshStream();
    const subject = `crm.relay${stream}.account.updated`;
    const [accountA, accountB] = ['account-a', 'account-b'];
    const events = [accountA, accountB, accountA, accountA, accountB].map((aggregateId, i) =>
      testEvent({
        subject,
        aggregateId,
        eventType: 'crm.test.v1.AccountUpdated',
        headers: { 'crm-test-step': `${i}` },
      }),
    );
    for (const event of events) await commitEvents(db.dataSource, [event]);
    const relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger });
    await relay.start();

    expect(await relay.flush(10_000)).toBe(true);
    await relay.stop();

    const messages = await readStream(bus, name);
    expect(messages.map((m) => m.header.get('Nats-Msg-Id'))).toEqual(events.map((e) => e.id));
    expect(messages.map((m) => m.header.get('crm-event-id'))).toEqual(events.map((e) => e.id));
    expect(messages.map((m) => m.header.get('crm-aggregate-id'))).toEqual(events.map((e) => e.aggregateId));
    expect(messages.map((m) => m.header.get('crm-test-step'))).toEqual(['0', '1', '2', '3', '4']);
    expect(messages.every((m) => m.header.get('crm-event-type') === 'crm.test.v1.AccountUpdated')).toBe(true);
    expect(messages.map((m) => m.subject)).toEqual(events.map(() => subject));
    expect(messages.map((m) => Buffer.from(m.data))).toEqual(events.map((e) => Buffer.from(e.payload)));
    expect(await unpublishedIds(db.dataSource)).toEqual([]);
    expect(await relay.pendingCount()).toBe(0);
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    const name = await freshStream();
    const rolledBack = testEvent({ subject: `crm.relay${stream}.account.created` });
    const committed = testEvent({ subject: `crm.relay${stream}.account.created` });
    await expect(
      db.dataSource.transaction(async (manager) => {
        await appendToOutbox(manager, rolledBack);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await commitEvents(db.dataSource, [committed]);

    const relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger });
    expect(await relay.flush(10_000)).toBe(true);

    const messages = await readStream(bus, name);
    expect(messages.map((m) => m.header.get('crm-event-id'))).toEqual([committed.id]);
  });

  it('wakes on the insert NOTIFY instead of waiting for its next poll', async () => {
    const name = await freshStream();
    const relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger, pollIntervalMs: 60_000 });
    await relay.start();
    await waitFor(() => relay.isActive(), 5_000, 'the relay to take the lock');
    // Let the first (empty) cycle finish so the relay is asleep on its 60 s poll.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const event = testEvent({ subject: `crm.relay${stream}.account.created` });
    const committedAt = Date.now();
    await commitEvents(db.dataSource, [event]);
    await waitFor(async () => (await readStream(bus, name)).length === 1, 5_000, 'the event on the stream');
    await relay.stop();

    expect(Date.now() - committedAt).toBeLessThan(5_000);
  });

  it('lets only one relay publish at a time; a standby takes over when the active one goes away', async () => {
    const name = await freshStream();
    const first = new OutboxRelay({ dataSource: db.dataSource, bus, logger, pollIntervalMs: 100 });
    const second = new OutboxRelay({ dataSource: db.dataSource, bus, logger, pollIntervalMs: 100 });
    await first.start();
    await waitFor(() => first.isActive(), 5_000, 'the first relay to take the lock');
    await second.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.isActive()).toBe(false);

    await first.stop();
    await waitFor(() => second.isActive(), 5_000, 'the standby to take over');
    const event = testEvent({ subject: `crm.relay${stream}.account.created` });
    await commitEvents(db.dataSource, [event]);
    expect(await second.flush(10_000)).toBe(true);
    await second.stop();

    expect((await readStream(bus, name)).map((m) => m.header.get('crm-event-id'))).toEqual([event.id]);
  });

  it('carries on without loss or duplicates after PostgreSQL drops its connection', async () => {
    const name = await freshStream();
    const subject = `crm.relay${stream}.account.updated`;
    const relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger, pollIntervalMs: 100 });
    await relay.start();
    const before = testEvent({ subject });
    await commitEvents(db.dataSource, [before]);
    await waitFor(async () => (await unpublishedIds(db.dataSource)).length === 0, 5_000, 'the first event to go out');

    const terminated: unknown[] = await db.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'crm-outbox-relay'`,
    );
    expect(terminated).toHaveLength(1);
    const after = [testEvent({ subject }), testEvent({ subject })];
    await commitEvents(db.dataSource, after);
    expect(await relay.flush(10_000)).toBe(true);
    await relay.stop();

    const ids = (await readStream(bus, name)).map((m) => m.header.get('crm-event-id'));
    expect(ids).toEqual([before, ...after].map((e) => e.id));
  });

  it('rejects a subject that is not crm.<service>.<aggregate>.<verb>', async () => {
    await expect(
      db.dataSource.transaction((manager) => appendToOutbox(manager, testEvent({ subject: 'crm.customer.>' }))),
    ).rejects.toThrow('is not crm.<service>.<aggregate>.<verb>');
  });
});
