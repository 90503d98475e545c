import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';
import { DEAD_LETTER_STREAM, deadLetterSubject, EventHeaders, type Bus } from '../bus';
import { readStreamMessages } from './stream-reader';

/** A message a consumer parked in the DLQ stream, described without its payload (which may hold personal data). */
export interface ParkedMessage {
  /** Its sequence in the DLQ stream: what `dlq replay --seq` takes. */
  seq: number;
  parkedAt: Date;
  originalSubject: string;
  eventId: string;
  eventType: string;
  reason: string;
  deliveryCount: number;
}

export interface ReplayOptions {
  /** DLQ sequences to replay; undefined replays every parked message of the durable. */
  seqs?: number[];
  /** Lists what would be replayed and changes nothing. */
  dryRun?: boolean;
}

export interface ReplayResult {
  replayed: ParkedMessage[];
  /** Requested sequences that are not parked messages of this durable (already replayed, or another's). */
  notFound: number[];
}

const DLQ_HEADERS: readonly string[] = [
  EventHeaders.dlqReason,
  EventHeaders.dlqOriginalSubject,
  EventHeaders.dlqDeliveryCount,
];

function describe(seq: number, parkedAt: Date, h: MsgHdrs | undefined): ParkedMessage {
  return {
    seq,
    parkedAt,
    originalSubject: h?.get(EventHeaders.dlqOriginalSubject) ?? '',
    eventId: h?.get(EventHeaders.eventId) ?? '',
    eventType: h?.get(EventHeaders.eventType) ?? '',
    reason: h?.get(EventHeaders.dlqReason) ?? '',
    deliveryCount: Number(h?.get(EventHeaders.dlqDeliveryCount) || 0),
  };
}

/** No DLQ stream yet: no consumer has started, so none has parked anything. */
async function deadLetterStreamExists(bus: Bus): Promise<boolean> {
  try {
    await bus.jsm.streams.info(DEAD_LETTER_STREAM);
    return true;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return false;
    throw error;
  }
}

/** The messages the durable consumer parked, oldest first. */
export async function listParkedMessages(bus: Bus, durable: string): Promise<ParkedMessage[]> {
  const parked: ParkedMessage[] = [];
  if (!(await deadLetterStreamExists(bus))) return parked;
  for await (const msg of readStreamMessages(bus, DEAD_LETTER_STREAM, [deadLetterSubject(durable)])) {
    parked.push(describe(msg.seq, new Date(msg.info.timestampNanos / 1_000_000), msg.headers));
  }
  return parked;
}

/**
 * Publishes each chosen parked message again to its original subject with its original headers (its event id too,
 * so a consumer that applied it already skips it in its inbox), and deletes it from the DLQ only once the stream
 * has acknowledged the publish. The publish's message id is keyed by the DLQ sequence: a replay interrupted between
 * publish and delete and run again within the duplicate window stores nothing twice.
 */
export async function replayParkedMessages(bus: Bus, durable: string, options: ReplayOptions): Promise<ReplayResult> {
  const wanted = options.seqs ? new Set(options.seqs) : undefined;
  const replayed: ParkedMessage[] = [];
  if (!(await deadLetterStreamExists(bus))) return { replayed, notFound: options.seqs ?? [] };
  for await (const msg of readStreamMessages(bus, DEAD_LETTER_STREAM, [deadLetterSubject(durable)])) {
    if (wanted && !wanted.has(msg.seq)) continue;
    wanted?.delete(msg.seq);
    const parked = describe(msg.seq, new Date(msg.info.timestampNanos / 1_000_000), msg.headers);
    if (!parked.originalSubject)
      throw new Error(`DLQ message ${msg.seq} has no ${EventHeaders.dlqOriginalSubject} header`);
    if (!options.dryRun) {
      const h = natsHeaders();
      for (const key of msg.headers?.keys() ?? []) {
        if (!DLQ_HEADERS.includes(key.toLowerCase())) h.set(key, msg.headers?.get(key) ?? '');
      }
      await bus.js.publish(parked.originalSubject, msg.data, { msgID: `dlq-replay:${durable}:${msg.seq}`, headers: h });
      await bus.jsm.streams.deleteMessage(DEAD_LETTER_STREAM, msg.seq, false);
    }
    replayed.push(parked);
  }
  return { replayed, notFound: wanted ? [...wanted] : [] };
}
