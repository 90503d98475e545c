import { InputError } from '../errors';
import type { OutboxEvent } from './outbox-event';

/**
 * The largest event (payload plus headers) the outbox accepts: NATS' default `max_payload` (1 MiB) less headroom for
 * the headers the relay adds (event id, type, aggregate, trace context). The relay warns at start when the server
 * it is connected to takes less, and parks an event the server refuses.
 */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024 - 16 * 1024;

function eventBytes(event: OutboxEvent): number {
  return event.payload.byteLength + Buffer.byteLength(JSON.stringify(event.headers ?? {}));
}

/** The error an over-size event fails its write with (so the state change is rolled back with it), or undefined. */
export function eventSizeError(event: OutboxEvent, maxBytes = DEFAULT_MAX_EVENT_BYTES): InputError | undefined {
  const bytes = eventBytes(event);
  if (bytes <= maxBytes) return undefined;
  return InputError.single(
    [event.aggregateType],
    'event_size',
    `this change makes a ${event.eventType} event of ${bytes} bytes; events are limited to ${maxBytes} bytes ` +
      `(shorten the longest values)`,
  );
}
