export { connectBus, NatsAuthenticationError, type Bus, type BusOptions } from './bus-connection';
export {
  natsCredentialsOf,
  describeNatsCredentials,
  serversWithoutCredentials,
  type NatsCredentials,
  type NatsCredentialsConfig,
} from './nats-credentials';
export {
  ensureStream,
  ensureDeadLetterStream,
  DEAD_LETTER_STREAM,
  DEFAULT_DUPLICATE_WINDOW_MS,
  type StreamDeclaration,
} from './stream-declaration';
export { busMigrationSql, outboxNotifyTriggerSql, OUTBOX_NOTIFY_CHANNEL, type MigrationSql } from './bus-migration-sql';
export { outboxDeliverySql } from './outbox-delivery-migration-sql';
export { appendToOutbox, appendManyToOutbox, type AppendOptions } from './outbox-append';
export { DEFAULT_MAX_EVENT_BYTES, eventSizeError } from './event-size-limit';
export type { OutboxEvent } from './outbox-event';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { pruneOutbox } from './outbox-prune';
export { unparkOutboxEvents, DEFAULT_MAX_PUBLISH_ATTEMPTS } from './outbox-parking';
export { readOutboxBacklog, outboxBacklogCheck, type OutboxBacklog } from './outbox-backlog';
export { pruneInbox } from './inbox-prune';
export { startConsumer, type Consumer, type ConsumerOptions } from './event-consumer';
export { toConsumedEvent, type ConsumedEvent, type EventHandler } from './consumed-event';
export { deadLetterSubject } from './dead-letter';
export { DEAD_LETTER_SUBJECT_PREFIX } from './stream-declaration';
export { EventHeaders } from './event-headers';
export { injectTraceHeaders, extractTraceContext } from './trace-headers';
export {
  defineEventCatalog,
  eventChanges,
  type CatalogEntry,
  type EventActor,
  type EventAggregate,
  type EventBody,
  type EventCatalog,
  type EventCodec,
} from './event-catalog';
