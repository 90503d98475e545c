/** Channel the outbox trigger NOTIFYs on every insert; the relay LISTENs on it. */
export const OUTBOX_NOTIFY_CHANNEL = 'outbox_events';

export interface MigrationSql {
  up: string[];
  down: string[];
}

/** Wakes the relay at once on commit (NOTIFY is delivered at commit, once per statement), instead of at its next poll. */
export const outboxNotifyTriggerSql: MigrationSql = {
  up: [
    `CREATE OR REPLACE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${OUTBOX_NOTIFY_CHANNEL}', '');
  RETURN NULL;
END
$$`,
    `DROP TRIGGER IF EXISTS outbox_events_notify_on_insert ON outbox_events`,
    `CREATE TRIGGER outbox_events_notify_on_insert AFTER INSERT ON outbox_events
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify()`,
  ],
  down: [
    `DROP TRIGGER IF EXISTS outbox_events_notify_on_insert ON outbox_events`,
    `DROP FUNCTION IF EXISTS outbox_events_notify()`,
  ],
};

/**
 * The outbox and inbox tables (with the notify trigger), for a service to run from one of its own migrations:
 * `for (const sql of busMigrationSql.up) await queryRunner.query(sql)`.
 */
export const busMigrationSql: MigrationSql = {
  up: [
    `CREATE TABLE outbox_events (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  aggregate_type text NOT NULL,
  aggregate_id text NOT NULL,
  subject text NOT NULL,
  event_type text NOT NULL,
  payload bytea NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz NULL
)`,
    // The relay's query: the unpublished events in seq order.
    `CREATE INDEX outbox_events_unpublished_by_seq_idx ON outbox_events (seq) WHERE published_at IS NULL`,
    `CREATE TABLE inbox_events (
  consumer text NOT NULL,
  event_id text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
)`,
    ...outboxNotifyTriggerSql.up,
  ],
  down: [...outboxNotifyTriggerSql.down, `DROP TABLE IF EXISTS inbox_events`, `DROP TABLE IF EXISTS outbox_events`],
};
