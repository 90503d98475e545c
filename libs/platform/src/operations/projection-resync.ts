import type { DataSource } from 'typeorm';
import type { JsMsg } from '@nats-io/jetstream';
import { toConsumedEvent, type Bus, type EventHandler } from '../bus';
import { readStreamMessages } from './stream-reader';

/**
 * What a service keeps of another's data, rebuilt from the producer's stream (the source of truth: JetStream keeps
 * the producer's events without an age limit). `apply` must be idempotent and guarded by the event's sequence (as
 * projectAccountFacts is) and must write nothing but the projection: no outbox events, no reactions.
 */
export interface ProjectionSource {
  /** The producer's stream, e.g. `CUSTOMER`. */
  stream: string;
  subjects: string[];
  apply: EventHandler;
}

export interface ResyncOptions {
  /** Start at this stream sequence instead of the first. */
  fromSeq?: number;
  /** Events applied per transaction; default 200. */
  batchSize?: number;
  /** Called after each committed batch, for progress output. */
  onBatch?(applied: number, lastSeq: number): void;
}

export interface ResyncResult {
  applied: number;
  /** The last stream sequence applied; null when the stream held none of the subjects. */
  lastSeq: number | null;
}

/**
 * Replays the producer's stream through the projection with an ephemeral consumer (the service's durable consumer
 * and its inbox are not touched), in batches of one transaction each; running it again changes nothing.
 */
export async function resyncProjection(
  bus: Bus,
  dataSource: DataSource,
  source: ProjectionSource,
  options: ResyncOptions = {},
): Promise<ResyncResult> {
  const batchSize = options.batchSize ?? 200;
  let applied = 0;
  let lastSeq: number | null = null;
  let batch: JsMsg[] = [];
  const commit = async () => {
    if (!batch.length) return;
    const events = batch;
    batch = [];
    await dataSource.transaction(async (manager) => {
      for (const msg of events) await source.apply(toConsumedEvent(msg), manager);
    });
    applied += events.length;
    lastSeq = events[events.length - 1].seq;
    options.onBatch?.(applied, lastSeq);
  };
  for await (const msg of readStreamMessages(bus, source.stream, source.subjects, options.fromSeq)) {
    batch.push(msg);
    if (batch.length >= batchSize) await commit();
  }
  await commit();
  return { applied, lastSeq };
}
