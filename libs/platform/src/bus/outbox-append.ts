import type { EntityManager } from 'typeorm';
import { DEFAULT_MAX_EVENT_BYTES, eventSizeError } from './event-size-limit';
import type { OutboxEvent } from './outbox-event';
import { messageCreationHeaders } from './trace-headers';

// crm.<service>.<aggregate>.<verb>: lower-case tokens, no wildcards.
const EVENT_SUBJECT = /^crm(\.[a-z0-9][a-z0-9_-]*){3}$/;

export interface AppendOptions {
  /** Largest event (payload plus headers) accepted; default DEFAULT_MAX_EVENT_BYTES. */
  maxEventBytes?: number;
}

/**
 * Writes the event to the outbox inside the caller's transaction, so it exists if and only if the state change
 * commits. Each event gets the next `aggregate_sequence` of its aggregate (relayed as `crm-aggregate-seq`), so
 * several events of one change stay distinct and ordered for a consumer that guards on order. An event over the
 * size limit throws an InputError and writes nothing.
 */
export async function appendToOutbox(
  manager: EntityManager,
  event: OutboxEvent,
  options: AppendOptions = {},
): Promise<void> {
  checkEvent(event, options);
  const headers = {
    ...(event.headers ?? {}),
    ...messageCreationHeaders(event.subject, {
      'messaging.destination.name': event.subject,
      'messaging.message.id': event.id,
    }),
  };
  await manager.query(
    `WITH next AS (
       INSERT INTO outbox_aggregate_sequences AS s (aggregate_type, aggregate_id, last_sequence) VALUES ($2, $3, 1)
       ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET last_sequence = s.last_sequence + 1
       RETURNING last_sequence)
     INSERT INTO outbox_events
       (id, aggregate_type, aggregate_id, subject, event_type, payload, headers, aggregate_sequence)
     SELECT $1, $2, $3, $4, $5, $6, $7, next.last_sequence FROM next`,
    [
      event.id,
      event.aggregateType,
      event.aggregateId,
      event.subject,
      event.eventType,
      Buffer.from(event.payload.buffer, event.payload.byteOffset, event.payload.byteLength),
      JSON.stringify(headers),
    ],
  );
}

function checkEvent(event: OutboxEvent, options: AppendOptions): void {
  if (!EVENT_SUBJECT.test(event.subject)) {
    throw new Error(`event subject "${event.subject}" is not crm.<service>.<aggregate>.<verb>`);
  }
  const tooLarge = eventSizeError(event, options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES);
  if (tooLarge) throw tooLarge;
}

/**
 * Writes many events with one statement (bulk imports), in array order, inside the caller's transaction. The
 * sequence rows are taken in key order, so two bulk writers cannot deadlock on them.
 */
export async function appendManyToOutbox(
  manager: EntityManager,
  events: OutboxEvent[],
  options: AppendOptions = {},
): Promise<void> {
  if (!events.length) return;
  events.forEach((event) => checkEvent(event, options));
  // One span for the batch: a bulk import writes thousands of events.
  const traceHeaders = messageCreationHeaders('outbox', { 'messaging.batch.message_count': events.length });
  await manager.query(
    `WITH e AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::jsonb[])
              WITH ORDINALITY AS e(id, aggregate_type, aggregate_id, subject, event_type, payload, headers, n)),
     counts AS (SELECT aggregate_type, aggregate_id, count(*) AS n FROM e GROUP BY aggregate_type, aggregate_id),
     next AS (
       INSERT INTO outbox_aggregate_sequences AS s (aggregate_type, aggregate_id, last_sequence)
       SELECT aggregate_type, aggregate_id, n FROM counts ORDER BY aggregate_type, aggregate_id
       ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET last_sequence = s.last_sequence + EXCLUDED.last_sequence
       RETURNING aggregate_type, aggregate_id, last_sequence)
     INSERT INTO outbox_events
       (id, aggregate_type, aggregate_id, subject, event_type, payload, headers, aggregate_sequence)
     SELECT e.id, e.aggregate_type, e.aggregate_id, e.subject, e.event_type, e.payload, e.headers,
            next.last_sequence - c.n
              + row_number() OVER (PARTITION BY e.aggregate_type, e.aggregate_id ORDER BY e.n)
       FROM e
       JOIN counts c USING (aggregate_type, aggregate_id)
       JOIN next USING (aggregate_type, aggregate_id)
      ORDER BY e.n`,
    [
      events.map((e) => e.id),
      events.map((e) => e.aggregateType),
      events.map((e) => e.aggregateId),
      events.map((e) => e.subject),
      events.map((e) => e.eventType),
      events.map((e) => Buffer.from(e.payload.buffer, e.payload.byteOffset, e.payload.byteLength)),
      events.map((e) => JSON.stringify({ ...(e.headers ?? {}), ...traceHeaders })),
    ],
  );
}
