import type { JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import type { Bus } from './bus-connection';
import { EventHeaders } from './event-headers';
import { DEAD_LETTER_SUBJECT_PREFIX } from './stream-declaration';

const MAX_REASON_LENGTH = 500;

export function deadLetterSubject(durable: string): string {
  return `${DEAD_LETTER_SUBJECT_PREFIX}.${durable}`;
}

/** Copies the message, with its headers and the reason, to `crm.dlq.<durable>`; resolves once stored. */
export async function publishToDeadLetter(bus: Bus, durable: string, msg: JsMsg, reason: string): Promise<void> {
  const h = natsHeaders();
  for (const key of msg.headers?.keys() ?? []) {
    if (key.toLowerCase() !== 'nats-msg-id') h.set(key, msg.headers?.get(key) ?? '');
  }
  h.set(EventHeaders.dlqReason, reason.replace(/[\r\n]+/g, ' ').slice(0, MAX_REASON_LENGTH));
  h.set(EventHeaders.dlqOriginalSubject, msg.subject);
  h.set(EventHeaders.dlqDeliveryCount, String(msg.info.deliveryCount));
  // Keyed by consumer and stream position: a crash between this publish and term() does not park it twice.
  const msgID = `${durable}:${msg.info.stream}:${msg.seq}`;
  await bus.js.publish(deadLetterSubject(durable), msg.data, { msgID, headers: h });
}
