import type { MigrationSql } from './bus-migration-sql';

/**
 * The outbox's delivery bookkeeping, run by every service after `busMigrationSql` (a migration of its own):
 * per-aggregate event order (`aggregate_sequence`, from `outbox_aggregate_sequences`), publish attempts, and parking
 * of rows that can never be published so that later events flow on.
 */
export const outboxDeliverySql: MigrationSql = {
  up: [
    `ALTER TABLE outbox_events
       ADD COLUMN aggregate_sequence bigint NULL,
       ADD COLUMN attempts integer NOT NULL DEFAULT 0,
       ADD COLUMN last_error text NULL,
       ADD COLUMN parked_at timestamptz NULL,
       ADD COLUMN park_reason text NULL`,
    // One row per aggregate: the sequence of its last event. Its row lock orders the events of concurrent writers.
    `CREATE TABLE outbox_aggregate_sequences (
  aggregate_type text NOT NULL,
  aggregate_id text NOT NULL,
  last_sequence bigint NOT NULL,
  PRIMARY KEY (aggregate_type, aggregate_id)
)`,
    `DROP INDEX IF EXISTS outbox_events_unpublished_by_seq_idx`,
    // The relay's query: the events still to publish (neither published nor parked) in seq order.
    `CREATE INDEX outbox_events_pending_by_seq_idx ON outbox_events (seq)
       WHERE published_at IS NULL AND parked_at IS NULL`,
    // The parked-events metric and the operators' list.
    `CREATE INDEX outbox_events_parked_idx ON outbox_events (parked_at) WHERE parked_at IS NOT NULL`,
  ],
  down: [
    `DROP INDEX IF EXISTS outbox_events_parked_idx`,
    `DROP INDEX IF EXISTS outbox_events_pending_by_seq_idx`,
    `CREATE INDEX IF NOT EXISTS outbox_events_unpublished_by_seq_idx ON outbox_events (seq) WHERE published_at IS NULL`,
    `DROP TABLE IF EXISTS outbox_aggregate_sequences`,
    `ALTER TABLE outbox_events
       DROP COLUMN IF EXISTS aggregate_sequence,
       DROP COLUMN IF EXISTS attempts,
       DROP COLUMN IF EXISTS last_error,
       DROP COLUMN IF EXISTS parked_at,
       DROP COLUMN IF EXISTS park_reason`,
  ],
};
