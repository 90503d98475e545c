import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startNats, type NatsServer } from '@crm/testing';
import { connectBus, ensureStream, OutboxRelay, type Bus, type OutboxEvent } from '../src/bus';
import {
  commitEvents,
  countByEventId,
  createBusTestDatabase,
  readStream,
  testEvent,
  testLogger,
  unpublishedIds,
  type BusTestDatabase,
} from './bus-test-harness';

const relayProcessScript = join(__dirname, 'fixtures', 'relay-process.ts');

describe('Outbox relay after a crash', () => {
  const logger = testLogger();
  let nats: NatsServer;
  let db: BusTestDatabase;
  let bus: Bus;

  /** Runs a relay in a child process with the fault set, and resolves with the signal that ended it. */
  function runCrashingRelay(fault: 'crash-before-publish' | 'crash-after-publish'): Promise<NodeJS.Signals | null> {
    const child = spawn(process.execPath, ['--import', 'tsx', relayProcessScript], {
      env: { ...process.env, RELAY_DATABASE_URL: db.url, RELAY_NATS_URL: nats.url, CRM_FAULT_RELAY: fault },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the relay with ${fault} did not crash within 20 s`));
      }, 20_000);
      child.once('exit', (_code, signal) => {
        clearTimeout(timer);
        resolve(signal);
      });
    });
  }

  async function messagesFor(event: OutboxEvent): Promise<number> {
    return countByEventId(await readStream(bus, 'CRASH')).get(event.id) ?? 0;
  }

  async function restartRelayAndFlush(): Promise<void> {
    const relay = new OutboxRelay({ dataSource: db.dataSource, bus, logger, pollIntervalMs: 100 });
    expect(await relay.flush(15_000)).toBe(true);
  }

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNats(), createBusTestDatabase('outbox_relay_crash')]);
    bus = await connectBus({ servers: nats.url, name: 'outbox-relay-crash-test', logger });
    await ensureStream(bus, { name: 'CRASH', subjects: ['crm.crash.>'] });
  });

  afterAll(async () => {
    await bus?.close();
    await Promise.all([nats?.stop(), db?.drop()]);
  });

  it('publishes an event exactly once when the relay died after the commit and before the publish', async () => {
    const event = testEvent({ subject: 'crm.crash.account.created' });
    await commitEvents(db.dataSource, [event]);

    expect(await runCrashingRelay('crash-before-publish')).toBe('SIGKILL');
    expect(await messagesFor(event)).toBe(0);
    expect(await unpublishedIds(db.dataSource)).toEqual([event.id]);

    await restartRelayAndFlush();
    expect(await messagesFor(event)).toBe(1);
    expect(await unpublishedIds(db.dataSource)).toEqual([]);
  });

  it('publishes an event exactly once when the relay died after the publish and before marking it published', async () => {
    const event = testEvent({ subject: 'crm.crash.account.updated' });
    await commitEvents(db.dataSource, [event]);

    expect(await runCrashingRelay('crash-after-publish')).toBe('SIGKILL');
    expect(await messagesFor(event)).toBe(1);
    expect(await unpublishedIds(db.dataSource)).toEqual([event.id]);

    await restartRelayAndFlush();
    expect(await messagesFor(event)).toBe(1);
    expect(await unpublishedIds(db.dataSource)).toEqual([]);
  });
});
