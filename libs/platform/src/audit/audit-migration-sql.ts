import type { MigrationSql } from '../bus';

/**
 * Key of the transaction-scoped advisory lock that serialises writers of the chain (`pg_advisory_xact_lock`): the
 * ASCII bytes of 'auditlog' read as a signed 64-bit integer. Each service has its own database, so one key suffices.
 */
export const AUDIT_CHAIN_LOCK_KEY = '7022629598041763687';

/**
 * The documented bypass of the append-only trigger, used only by `purgeAuditOlderThan`: while this transaction-local
 * setting holds a seq (`SELECT set_config('crm.audit_purge_through_seq', '<seq>', true)`), the trigger lets DELETE
 * remove rows with `seq <= <seq>`, i.e. the oldest rows, and nothing else. UPDATE and TRUNCATE are refused always.
 * The setting is not a security boundary (any session may set it); the hash chain is: a deletion that is not recorded
 * by a purge row breaks verification.
 */
export const AUDIT_PURGE_SETTING = 'crm.audit_purge_through_seq';

const appendOnlyTrigger: MigrationSql = {
  up: [
    `CREATE OR REPLACE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  purge_through bigint := NULLIF(current_setting('${AUDIT_PURGE_SETTING}', true), '')::bigint;
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND purge_through IS NOT NULL AND OLD.seq <= purge_through THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit rows are hash-chained and never change; old rows leave only through purgeAuditOlderThan.';
END
$$`,
    `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change()`,
  ],
  down: [
    `DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log`,
    `DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log`,
    `DROP FUNCTION IF EXISTS audit_log_reject_change()`,
  ],
};

/**
 * The tamper-evident audit log, for a service to run from one of its own migrations:
 * `for (const sql of auditMigrationSql.up) await queryRunner.query(sql)`.
 *
 * `seq` is assigned by `appendAudit` under the chain lock (1, 2, 3, ... with no gaps), not by a sequence, since a
 * sequence leaves holes on rollback. `occurred_at` holds whole milliseconds, the precision the hash covers.
 */
export const auditMigrationSql: MigrationSql = {
  up: [
    `CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  id uuid NOT NULL UNIQUE,
  occurred_at timestamptz NOT NULL CHECK (occurred_at = date_trunc('milliseconds', occurred_at)),
  actor_id text NOT NULL,
  actor_roles text[] NOT NULL DEFAULT '{}',
  client_id text NULL,
  source_ip text NULL,
  request_id text NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  changes jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(changes) = 'array'),
  details jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object'),
  prev_hash text NOT NULL,
  hash text NOT NULL
)`,
    // Field history of one record, newest first (fieldHistory; auditTrail by entity).
    `CREATE INDEX audit_log_entity_history_idx ON audit_log (entity_type, entity_id, seq)`,
    // What one user (or service account) did, in a time range (auditTrail by actor).
    `CREATE INDEX audit_log_actor_time_idx ON audit_log (actor_id, occurred_at)`,
    // Every export / sensitive read in a time range (auditTrail by action).
    `CREATE INDEX audit_log_action_time_idx ON audit_log (action, occurred_at)`,
    // Everything in a time range (auditTrail by time; the retention purge's cutoff).
    `CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at)`,
    ...appendOnlyTrigger.up,
  ],
  down: [...appendOnlyTrigger.down, `DROP TABLE IF EXISTS audit_log`],
};
