import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logging';
import { consumerMetrics, type ConsumeOutcome, type ConsumerMetrics } from '../metrics/consumer-metrics';
import type { Bus } from './bus-connection';
import { toConsumedEvent, type ConsumedEvent, type EventHandler } from './consumed-event';
import { publishToDeadLetter } from './dead-letter';
import { EventHeaders } from './event-headers';
import { ensureDeadLetterStream } from './stream-declaration';
import { extractTraceContext } from './trace-headers';

export interface ConsumerOptions {
  bus: Bus;
  dataSource: DataSource;
  logger: Logger;
  /** The producer's stream, e.g. `CUSTOMER`. */
  stream: string;
  /** Durable consumer name, also the inbox key and the DLQ subject suffix, e.g. `sales-pipeline-account-events`. */
  durable: string;
  filterSubjects: string[];
  /** Deliveries of a failing message before it goes to the DLQ; default 5. */
  maxDeliver?: number;
  /** Unacked time after which the server redelivers; default 30 s (extended while the handler runs). */
  ackWaitMs?: number;
  /** First retry delay after a failure, doubled on each delivery up to a minute; default 1000 ms. */
  retryDelayMs?: number;
  handler: EventHandler;
  /**
   * When the producer's stream does not exist yet (its service is not deployed, or starts later), poll for it every
   * this many ms and start then, instead of failing the start. Meanwhile the consumer counts as healthy while NATS is
   * connected: there is nothing to consume, and the consuming service should not be taken out of rotation for it.
   */
  awaitStreamPollMs?: number;
}

export interface Consumer {
  /** Drains: finishes the message in hand, hands the prefetched ones back to the server, stops pulling. */
  stop(): Promise<void>;
  /** For readiness: pulling, connected to NATS, and the server side consumer is there. */
  isHealthy(): boolean;
}

const MAX_RETRY_DELAY_MS = 60_000;
const tracer = trace.getTracer('@crm/platform/bus');

/** Marks an error thrown by the handler itself, as opposed to the inbox or commit failing. */
class HandlerFailure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'HandlerFailure';
  }
}

/**
 * Starts a durable pull consumer that applies each event exactly once: in one transaction it records
 * (durable, event id) in the inbox and runs the handler only if that row is new, commits, then acks.
 */
export async function startConsumer(options: ConsumerOptions): Promise<Consumer> {
  const consumer = new InboxConsumer(options);
  await consumer.start();
  return consumer;
}

class InboxConsumer implements Consumer {
  private readonly logger: Logger;
  private readonly maxDeliver: number;
  private readonly ackWaitMs: number;
  private readonly retryDelayMs: number;
  private readonly metrics: ConsumerMetrics;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopping = false;
  private pulling = false;
  private serverSideProblem?: string;
  private recreating?: Promise<void>;
  private waitingForStream = false;
  private streamPoll?: NodeJS.Timeout;
  private begun?: Promise<void>;

  constructor(private readonly options: ConsumerOptions) {
    this.logger = options.logger.child({
      component: 'event-consumer',
      stream: options.stream,
      durable: options.durable,
    });
    this.maxDeliver = options.maxDeliver ?? 5;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.metrics = consumerMetrics(options.stream, options.durable);
  }

  async start(): Promise<void> {
    await ensureDeadLetterStream(this.options.bus);
    const pollMs = this.options.awaitStreamPollMs;
    if (pollMs !== undefined && !(await this.streamExists())) {
      this.waitingForStream = true;
      this.logger.info({ pollMs }, 'stream not declared yet; consumer waits for its producer');
      this.pollForStream(pollMs);
      return;
    }
    await this.begin();
  }

  private async begin(): Promise<void> {
    await this.ensureDurable();
    const jsConsumer = await this.options.bus.js.consumers.get(this.options.stream, this.options.durable);
    this.messages = await jsConsumer.consume({ max_messages: 16 });
    void this.watchStatus(this.messages);
    this.loop = this.run(this.messages);
    this.logger.info({ filterSubjects: this.options.filterSubjects }, 'consumer started');
  }

  private async streamExists(): Promise<boolean> {
    try {
      await this.options.bus.jsm.streams.info(this.options.stream);
      return true;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return false;
      throw error;
    }
  }

  private pollForStream(pollMs: number): void {
    this.streamPoll = setTimeout(() => {
      this.begun = (async () => {
        if (this.stopping) return;
        try {
          if (await this.streamExists()) {
            if (this.stopping) return;
            await this.begin();
            this.waitingForStream = false;
            return;
          }
        } catch (error) {
          this.logger.warn({ err: error }, 'could not check for the stream; trying again');
        }
        if (!this.stopping) this.pollForStream(pollMs);
      })();
    }, pollMs);
  }

  async stop(): Promise<void> {
    if (this.stopping) return this.loop;
    this.stopping = true;
    clearTimeout(this.streamPoll);
    await this.begun;
    await this.messages?.close();
    await this.loop;
    this.logger.info('consumer stopped');
  }

  isHealthy(): boolean {
    if (this.waitingForStream) return !this.stopping && this.options.bus.isConnected();
    return this.pulling && !this.stopping && this.options.bus.isConnected() && this.serverSideProblem === undefined;
  }

  /**
   * Server-side max_deliver stays unlimited: the bound is enforced here, so a message is never dropped by the
   * server while its dead-letter publish or the database is failing.
   */
  private async ensureDurable(): Promise<void> {
    const { bus, stream, durable, filterSubjects } = this.options;
    const settings = { filter_subjects: filterSubjects, ack_wait: nanos(this.ackWaitMs), max_deliver: -1 };
    try {
      await bus.jsm.consumers.info(stream, durable);
      await bus.jsm.consumers.update(stream, durable, settings);
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
      await bus.jsm.consumers.add(stream, {
        ...settings,
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
    }
  }

  private async watchStatus(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      switch (status.type) {
        case 'heartbeats_missed':
          if (status.count >= 2) this.reportProblem(`missed ${status.count} heartbeats`);
          break;
        case 'consumer_not_found':
        case 'consumer_deleted':
          this.reportProblem('durable consumer is gone; recreating it');
          this.recreateDurable();
          break;
        case 'stream_not_found':
          this.reportProblem(`stream ${this.options.stream} not found`);
          break;
        case 'no_responders':
          this.reportProblem('JetStream is not responding');
          break;
        case 'heartbeat':
          this.clearProblem();
          break;
        default:
          break;
      }
    }
  }

  private reportProblem(problem: string): void {
    if (this.serverSideProblem !== problem) this.logger.warn({ problem }, 'consumer unhealthy');
    this.serverSideProblem = problem;
  }

  private clearProblem(): void {
    if (this.serverSideProblem === undefined) return;
    this.logger.info({ problem: this.serverSideProblem }, 'consumer healthy again');
    this.serverSideProblem = undefined;
  }

  private recreateDurable(): void {
    if (this.recreating || this.stopping) return;
    this.recreating = this.ensureDurable()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not recreate the durable consumer'))
      .finally(() => {
        this.recreating = undefined;
      });
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    this.pulling = true;
    try {
      for await (const msg of messages) {
        try {
          if (this.stopping) {
            msg.nak();
            continue;
          }
          this.clearProblem();
          await this.process(msg);
        } catch (error) {
          // Only acking on a closed connection gets here; the server redelivers, the inbox absorbs it.
          this.logger.warn({ err: error }, 'could not settle a message');
        }
      }
    } catch (error) {
      this.logger.error({ err: error }, 'consumer stopped pulling');
    } finally {
      this.pulling = false;
    }
  }

  private async process(msg: JsMsg): Promise<void> {
    const event = toConsumedEvent(msg);
    const log = this.logger.child({ eventId: event.id, eventType: event.type, deliveryCount: event.deliveryCount });
    const started = performance.now();
    const settled = (outcome: ConsumeOutcome) =>
      this.metrics.settled(outcome, event.deliveryCount, (performance.now() - started) / 1000);
    if (!event.id) {
      settled(await this.deadLetter(msg, `no ${EventHeaders.eventId} header: cannot be applied idempotently`, log));
      return;
    }
    // Tell the server we are still at it, so a slow handler is not redelivered to another replica meanwhile.
    const keepAlive = setInterval(() => msg.working(), Math.max(1_000, Math.floor(this.ackWaitMs / 2)));
    try {
      const applied = await context.with(extractTraceContext(msg.headers), () => this.applyOnce(event));
      msg.ack();
      settled(applied ? 'applied' : 'duplicate');
      log.debug({ applied }, applied ? 'event applied' : 'event already applied: skipped');
    } catch (error) {
      settled(await this.handleFailure(msg, event, error, log));
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** The inbox transaction; true if the handler ran, false if the event had been applied before. */
  private applyOnce(event: ConsumedEvent): Promise<boolean> {
    const { durable, dataSource, handler } = this.options;
    return tracer.startActiveSpan(
      `${event.subject} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.destination.name': event.subject,
          'messaging.message.id': event.id,
          'messaging.consumer.group.name': durable,
        },
      },
      async (span) => {
        try {
          return await dataSource.transaction(async (manager) => {
            const inserted: unknown[] = await manager.query(
              `INSERT INTO inbox_events (consumer, event_id) VALUES ($1, $2)
               ON CONFLICT DO NOTHING RETURNING event_id`,
              [durable, event.id],
            );
            if (inserted.length === 0) return false;
            try {
              await handler(event, manager);
            } catch (error) {
              throw new HandlerFailure(error);
            }
            return true;
          });
        } catch (error) {
          span.recordException(error instanceof Error ? error : String(error));
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private async handleFailure(msg: JsMsg, event: ConsumedEvent, error: unknown, log: Logger): Promise<ConsumeOutcome> {
    const delayMs = Math.min(this.retryDelayMs * 2 ** (event.deliveryCount - 1), MAX_RETRY_DELAY_MS);
    if (!(error instanceof HandlerFailure)) {
      log.warn({ err: error, retryInMs: delayMs }, 'inbox transaction failed; will retry');
      msg.nak(delayMs);
      return 'retry';
    }
    if (event.deliveryCount < this.maxDeliver || !(await this.databaseIsUp())) {
      log.warn({ err: error.original, retryInMs: delayMs }, 'event handler failed; will retry');
      msg.nak(delayMs);
      return 'retry';
    }
    return this.deadLetter(msg, `handler failed after ${event.deliveryCount} deliveries: ${error.message}`, log);
  }

  private async deadLetter(msg: JsMsg, reason: string, log: Logger): Promise<ConsumeOutcome> {
    try {
      await publishToDeadLetter(this.options.bus, this.options.durable, msg, reason);
      msg.term(reason);
      this.metrics.deadLettered();
      log.error({ reason }, 'event sent to the dead-letter subject');
      return 'dead_letter';
    } catch (error) {
      log.warn({ err: error }, 'dead-letter publish failed; will retry');
      msg.nak(this.retryDelayMs);
      return 'retry';
    }
  }

  /** A failing database is an outage, not a poison message: such failures are retried, never dead-lettered. */
  private async databaseIsUp(): Promise<boolean> {
    try {
      await this.options.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
