import { headers as natsHeaders } from '@nats-io/nats-core';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logging';
import type { Bus } from './bus-connection';
import { OUTBOX_NOTIFY_CHANNEL } from './bus-migration-sql';
import { EventHeaders } from './event-headers';
import { DEFAULT_MAX_EVENT_BYTES } from './event-size-limit';
import { DEFAULT_MAX_PUBLISH_ATTEMPTS, parkReason, parkRow, recordFailedAttempt } from './outbox-parking';
import { postgresClientConfig } from './postgres-client-config';
import { crashAtFaultPoint, relayFaultPointFromEnv, type RelayFaultPoint } from './relay-fault-injection';
import { WakeSignal } from './wake-signal';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  bus: Bus;
  logger: Logger;
  /** Events read per query; default 100. */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives, and how often a standby relay tries to take over; default 1000 ms. */
  pollIntervalMs?: number;
  /** How long to wait for JetStream's publish ack; default 5000 ms. */
  publishTimeoutMs?: number;
  /** Failed publishes of one row (while JetStream answers) before it is parked; default 20. */
  maxPublishAttempts?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  event_type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Buffer;
  headers: Record<string, string> | null;
  aggregate_sequence: string | null;
}

/** Same key in every service: each service has its own database, and the lock is per database. */
const RELAY_ADVISORY_LOCK_KEY = '7346029187710001';
const MAX_ERROR_BACKOFF_MS = 5_000;

/**
 * Publishes committed outbox events to JetStream, in seq order, one relay per database at a time.
 *
 * The relay holds a session-level advisory lock on its own connection and runs every outbox query on that same
 * connection, so it can only mark events published while it holds the lock. If the holder dies, PostgreSQL
 * releases the lock and a standby takes over. Each event is published with `msgID` = event id and waits for the
 * ack before it is marked published: a crash in between republishes it and JetStream drops the duplicate.
 *
 * A row that fails is retried (the whole queue waits: a NATS outage parks nothing); a row the server refuses for
 * good (over max_payload), or that failed `maxPublishAttempts` times while JetStream answered, is parked with its
 * reason (`parked_at`, `park_reason`, warning `outbox event parked`) and the events after it flow on.
 */
export class OutboxRelay {
  private readonly dataSource: DataSource;
  private readonly bus: Bus;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly publishTimeoutMs: number;
  private readonly maxPublishAttempts: number;
  private readonly fault: RelayFaultPoint | undefined;
  private readonly wakeSignal = new WakeSignal();
  private client?: Client;
  private holdsLock = false;
  private running = false;
  private loop?: Promise<void>;

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.bus = options.bus;
    this.logger = options.logger.child({ component: 'outbox-relay' });
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
    this.maxPublishAttempts = options.maxPublishAttempts ?? DEFAULT_MAX_PUBLISH_ATTEMPTS;
    this.fault = relayFaultPointFromEnv();
  }

  /** Starts relaying in the background (as active relay or standby); returns at once. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the event in hand, releases the lock and closes its connection. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeSignal.wake();
    await this.loop;
    await this.closeClient();
  }

  /** Whether this instance currently holds the relay lock (the others are standby). */
  isActive(): boolean {
    return this.running && this.holdsLock;
  }

  /** Committed events not yet published (parked ones excluded: they wait for an operator). */
  async pendingCount(): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) AS count FROM outbox_events WHERE published_at IS NULL AND parked_at IS NULL',
    );
    return Number(rows[0].count);
  }

  /** Waits until every committed event is published (by this relay or the active one); false on timeout. */
  async flush(timeoutMs: number): Promise<boolean> {
    const startedHere = !this.running;
    if (startedHere) await this.start();
    const deadline = Date.now() + timeoutMs;
    this.wakeSignal.wake();
    try {
      for (;;) {
        if ((await this.pendingCount()) === 0) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      if (startedHere) await this.stop();
    }
  }

  private async run(): Promise<void> {
    let errorBackoffMs = 100;
    this.logger.info('outbox relay started');
    this.warnIfServerTakesLess();
    while (this.running) {
      try {
        if (!(await this.acquireLock())) {
          await this.wakeSignal.sleep(this.pollIntervalMs);
          continue;
        }
        const published = await this.publishBatch();
        errorBackoffMs = 100;
        if (published < this.batchSize) await this.wakeSignal.sleep(this.pollIntervalMs);
      } catch (error) {
        const level = errorBackoffMs >= MAX_ERROR_BACKOFF_MS ? 'error' : 'warn';
        this.logger[level]({ err: error, retryInMs: errorBackoffMs }, 'outbox relay cycle failed; retrying');
        await this.wakeSignal.sleep(errorBackoffMs);
        errorBackoffMs = Math.min(errorBackoffMs * 2, MAX_ERROR_BACKOFF_MS);
      }
    }
    this.logger.info('outbox relay stopped');
  }

  private warnIfServerTakesLess(): void {
    const maxPayload = this.bus.nc.info?.max_payload;
    if (maxPayload !== undefined && maxPayload < DEFAULT_MAX_EVENT_BYTES) {
      this.logger.warn(
        { maxPayload, acceptedEventBytes: DEFAULT_MAX_EVENT_BYTES },
        'NATS max_payload is below the outbox event size limit: larger events will be parked',
      );
    }
  }

  /** Connects (or reconnects after an outage), LISTENs, and tries to take the lock; true if held. */
  private async acquireLock(): Promise<boolean> {
    if (!this.client) {
      const client = new Client(postgresClientConfig(this.dataSource, 'crm-outbox-relay'));
      client.on('error', (error) => {
        this.logger.warn({ err: error }, 'outbox relay lost its PostgreSQL connection');
        this.dropClient(client);
      });
      client.on('end', () => this.dropClient(client));
      client.on('notification', () => this.wakeSignal.wake());
      this.client = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      } catch (error) {
        this.dropClient(client);
        await client.end().catch(() => undefined);
        throw error;
      }
    }
    if (this.holdsLock) return true;
    const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
      RELAY_ADVISORY_LOCK_KEY,
    ]);
    this.holdsLock = rows[0].locked;
    if (this.holdsLock) this.logger.info('outbox relay took the lock: publishing');
    return this.holdsLock;
  }

  private dropClient(client: Client): void {
    if (this.client !== client) return;
    if (this.holdsLock) this.logger.warn('outbox relay lost the lock');
    this.client = undefined;
    this.holdsLock = false;
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.holdsLock = false;
    this.dropClient(client);
    // Ending the session releases the advisory lock.
    await client.end().catch(() => undefined);
  }

  /** Publishes (or parks) up to one batch in seq order; returns how many rows it settled. */
  private async publishBatch(): Promise<number> {
    const client = this.client;
    if (!client) return 0;
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, subject, event_type, aggregate_type, aggregate_id, payload, headers, aggregate_sequence
         FROM outbox_events WHERE published_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT $1`,
      [this.batchSize],
    );
    let settled = 0;
    for (const row of rows) {
      if (!this.running || this.client !== client) break;
      try {
        await this.publish(row);
      } catch (error) {
        await this.handleFailure(client, row, error);
        settled += 1;
        continue;
      }
      await client.query('UPDATE outbox_events SET published_at = now(), attempts = attempts + 1 WHERE id = $1', [
        row.id,
      ]);
      settled += 1;
    }
    return settled;
  }

  /** Parks the row if it can never be published; otherwise rethrows, so the queue waits and retries with backoff. */
  private async handleFailure(client: Client, row: OutboxRow, error: unknown): Promise<void> {
    // Not the row's fault: the outage is retried with backoff and counts against no row.
    if (!this.bus.isConnected()) throw error;
    const attempts = await recordFailedAttempt(client, row.id, error);
    const reason = await parkReason(this.bus, { ...row, attempts }, error, this.maxPublishAttempts);
    if (reason === undefined) throw error;
    await parkRow(client, row.id, reason);
    this.logger.error(
      { eventId: row.id, eventType: row.event_type, subject: row.subject, attempts, reason },
      'outbox event parked',
    );
  }

  private async publish(row: OutboxRow): Promise<void> {
    const h = natsHeaders();
    for (const [key, value] of Object.entries(row.headers ?? {})) h.set(key, value);
    h.set(EventHeaders.eventId, row.id);
    h.set(EventHeaders.eventType, row.event_type);
    h.set(EventHeaders.aggregateId, row.aggregate_id);
    h.set(EventHeaders.aggregateType, row.aggregate_type);
    if (row.aggregate_sequence !== null) h.set(EventHeaders.aggregateSequence, row.aggregate_sequence);

    crashAtFaultPoint('crash-before-publish', this.fault);
    const ack = await this.bus.js.publish(row.subject, row.payload, {
      msgID: row.id,
      headers: h,
      timeout: this.publishTimeoutMs,
    });
    crashAtFaultPoint('crash-after-publish', this.fault);
    this.logger.debug(
      {
        eventId: row.id,
        eventType: row.event_type,
        subject: row.subject,
        streamSeq: ack.seq,
        duplicate: ack.duplicate,
      },
      'event published',
    );
  }
}
