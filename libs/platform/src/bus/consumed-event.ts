import type { JsMsg } from '@nats-io/jetstream';
import type { EntityManager } from 'typeorm';
import { EventHeaders } from './event-headers';

/** An event as a consumer's handler sees it. */
export interface ConsumedEvent {
  /** The producer's event id (`crm-event-id`), also the inbox key. */
  id: string;
  subject: string;
  /** Full protobuf message name, e.g. `crm.customer.v1.AccountCreated`. */
  type: string;
  aggregateId: string;
  /**
   * The event's place among its aggregate's events (`crm-aggregate-seq`; 0 when the producer set none). Guard on
   * this, not on the aggregate version: the events of one change share a version but never a sequence.
   */
  aggregateSequence: number;
  /** The protobuf-encoded event. */
  data: Uint8Array;
  headers: Record<string, string>;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

/** Applies one event; runs inside the inbox transaction, so it must write through `manager` only. */
export type EventHandler = (event: ConsumedEvent, manager: EntityManager) => Promise<void>;

/** The event a JetStream message carries, as handlers see it (the live consumer's and the projection re-sync's). */
export function toConsumedEvent(msg: JsMsg): ConsumedEvent {
  const h = msg.headers;
  const headers: Record<string, string> = {};
  for (const key of h?.keys() ?? []) headers[key] = h?.get(key) ?? '';
  return {
    id: h?.get(EventHeaders.eventId) || h?.get('Nats-Msg-Id') || '',
    subject: msg.subject,
    type: h?.get(EventHeaders.eventType) ?? '',
    aggregateId: h?.get(EventHeaders.aggregateId) ?? '',
    aggregateSequence: Number(h?.get(EventHeaders.aggregateSequence) || 0),
    data: msg.data,
    headers,
    deliveryCount: msg.info.deliveryCount,
  };
}
