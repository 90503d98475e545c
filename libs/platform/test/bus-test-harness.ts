import { randomUUID } from 'node:crypto';
import type { StoredMsg } from '@nats-io/jetstream';
import { createTestDatabase } from '@crm/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/db';
import { createLogger, type Logger } from '../src/logging';
import { appendToOutbox, busMigrationSql, outboxDeliverySql, type Bus, type OutboxEvent } from '../src/bus';

export interface BusTestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** Silent unless LOG_LEVEL is set, so a failing run can be replayed with the relay's and consumer's logs. */
export function testLogger(): Logger {
  return createLogger('bus-test', { level: process.env.LOG_LEVEL ?? 'silent' });
}

/** A fresh database with the outbox and inbox tables (and whatever extra tables the test needs). */
export async function createBusTestDatabase(label: string, extraSql: string[] = []): Promise<BusTestDatabase> {
  const database = await createTestDatabase(label);
  const dataSource = createDataSource({ url: database.url, entities: [], migrations: [], poolSize: 5 });
  await dataSource.initialize();
  await dataSource.transaction(async (manager) => {
    for (const sql of [...busMigrationSql.up, ...outboxDeliverySql.up, ...extraSql]) await manager.query(sql);
  });
  return {
    url: database.url,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}

export function testEvent(overrides: Partial<OutboxEvent> = {}): OutboxEvent {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    subject: 'crm.test.order.placed',
    aggregateType: 'Order',
    aggregateId: randomUUID(),
    eventType: 'crm.test.v1.OrderPlaced',
    payload: new TextEncoder().encode(`payload of ${id}`),
    ...overrides,
  };
}

/** Commits the events in one transaction, as a service would with its state change. */
export async function commitEvents(dataSource: DataSource, events: OutboxEvent[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const event of events) await appendToOutbox(manager, event);
  });
}

/** Every message stored in the stream, in stream order. */
export async function readStream(bus: Bus, stream: string): Promise<StoredMsg[]> {
  const info = await bus.jsm.streams.info(stream);
  const messages: StoredMsg[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq += 1) {
    const msg = await bus.jsm.streams.getMessage(stream, { seq });
    if (msg) messages.push(msg);
  }
  return messages;
}

/** How many stored messages carry each `crm-event-id`. */
export function countByEventId(messages: StoredMsg[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const msg of messages) {
    const id = msg.header.get('crm-event-id');
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function unpublishedIds(dataSource: DataSource): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(
    'SELECT id FROM outbox_events WHERE published_at IS NULL ORDER BY seq',
  );
  return rows.map((r) => r.id);
}
