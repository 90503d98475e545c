import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from './outbox-event';
import { injectTraceHeaders } from './trace-headers';

// crm.<service>.<aggregate>.<verb>: lower-case tokens, no wildcards.
const EVENT_SUBJECT = /^crm(\.[a-z0-9][a-z0-9_-]*){3}$/;

/**
 * Writes the event to the outbox inside the caller's transaction, so it exists if and only if the state change
 * commits. Lock the aggregate row before calling this so that events of one aggregate get increasing seq.
 */
export async function appendToOutbox(manager: EntityManager, event: OutboxEvent): Promise<void> {
  checkSubject(event);
  const headers = injectTraceHeaders({ ...(event.headers ?? {}) });
  await manager.query(
    `INSERT INTO outbox_events (id, aggregate_type, aggregate_id, subject, event_type, payload, headers)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
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

function checkSubject(event: OutboxEvent): void {
  if (!EVENT_SUBJECT.test(event.subject)) {
    throw new Error(`event subject "${event.subject}" is not crm.<service>.<aggregate>.<verb>`);
  }
}

/** Writes many events with one statement (bulk imports), in array order, inside the caller's transaction. */
export async function appendManyToOutbox(manager: EntityManager, events: OutboxEvent[]): Promise<void> {
  if (!events.length) return;
  events.forEach(checkSubject);
  const traceHeaders = injectTraceHeaders({});
  await manager.query(
    `INSERT INTO outbox_events (id, aggregate_type, aggregate_id, subject, event_type, payload, headers)
     SELECT e.id, e.aggregate_type, e.aggregate_id, e.subject, e.event_type, e.payload, e.headers
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::jsonb[])
            WITH ORDINALITY AS e(id, aggregate_type, aggregate_id, subject, event_type, payload, headers, n)
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
