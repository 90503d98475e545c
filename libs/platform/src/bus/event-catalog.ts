import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { commonV1 } from '@crm/contracts';
import { appendToOutbox } from './outbox-append';
import type { OutboxEvent } from './outbox-event';

/** What a ts-proto message type offers for encoding. */
export interface EventCodec<T> {
  encode(message: T): { finish(): Uint8Array };
}

/** One row of a service's event table: subject (`crm.<service>.<aggregate>.<verb>`), protobuf name and codec. */
export interface CatalogEntry<T> {
  subject: string;
  type: string;
  codec: EventCodec<T>;
}

type MessageOf<E> = E extends { codec: EventCodec<infer T> } ? T : never;
/** An event's body: its protobuf message without the metadata the catalog fills in. */
export type EventBody<E> = Omit<MessageOf<E>, 'metadata'>;

/** Who causes an event, as its metadata records it. */
export interface EventActor {
  id: string;
  requestId: string;
}

export interface EventAggregate<A extends string> {
  type: A;
  id: string;
  version: number;
}

export interface EventCatalog<C, A extends string> {
  entries: C;
  /** Builds one event: protobuf payload with its metadata (event id, time, actor, request, aggregate, version). */
  event<K extends keyof C>(
    kind: K,
    actor: EventActor,
    aggregate: EventAggregate<A>,
    body: EventBody<C[K]>,
  ): OutboxEvent;
  /** Writes one event to the outbox in the caller's transaction (the relay publishes it after the commit). */
  record<K extends keyof C>(
    manager: EntityManager,
    kind: K,
    actor: EventActor,
    aggregate: EventAggregate<A>,
    body: EventBody<C[K]>,
  ): Promise<string>;
}

/** A service's events from its table of entries: the service keeps only the table (see events/<service>-events.ts). */
export function defineEventCatalog<C extends Record<string, CatalogEntry<never>>, A extends string = string>(
  entries: C,
): EventCatalog<C, A> {
  const event: EventCatalog<C, A>['event'] = (kind, actor, aggregate, body) => {
    const entry = entries[kind] as CatalogEntry<unknown>;
    const id = randomUUID();
    const metadata: commonV1.EventMetadata = {
      eventId: id,
      occurredAt: new Date(),
      actorId: actor.id,
      requestId: actor.requestId,
      aggregateId: aggregate.id,
      aggregateVersion: String(aggregate.version),
    };
    return {
      id,
      subject: entry.subject,
      aggregateType: aggregate.type,
      aggregateId: aggregate.id,
      eventType: entry.type,
      payload: entry.codec.encode({ ...body, metadata }).finish(),
    };
  };
  return {
    entries,
    event,
    async record(manager, kind, actor, aggregate, body) {
      const built = event(kind, actor, aggregate, body);
      await appendToOutbox(manager, built);
      return built.id;
    },
  };
}

/** Field changes as events carry them: the values as JSON text. */
export function eventChanges(changes: { field: string; before: unknown; after: unknown }[]): commonV1.FieldChange[] {
  return changes.map((c) => ({
    field: c.field,
    beforeJson: JSON.stringify(c.before ?? null),
    afterJson: JSON.stringify(c.after ?? null),
  }));
}
