import type { MigrationSql } from '../bus/bus-migration-sql';

/** The table of idempotency keys, for a service to create from one of its own migrations. */
export const idempotencyMigrationSql: MigrationSql = {
  up: [
    `CREATE TABLE idempotency_keys (
      caller text NOT NULL,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
      operation text NOT NULL,
      fingerprint text NOT NULL,
      result_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (caller, key)
    )`,
    `CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at)`,
  ],
  down: [`DROP TABLE idempotency_keys`],
};
