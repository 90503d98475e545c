import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of CreateAccount / CreateContact over gRPC (the lead-conversion saga): one row per (caller, key),
 * claimed by the insert itself so two racing calls cannot both create. A compensation marks a key discarded (also a key
 * nothing was created under yet, as a row of its own: kind and fingerprint null), so a late create is refused.
 */
export class CreationKeys1764700000000 implements MigrationInterface {
  name = 'CreationKeys1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE creation_keys (
        caller text NOT NULL,
        key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 200),
        kind text CHECK (kind IN ('account', 'contact')),
        record_id uuid,
        fingerprint text,
        created_at timestamptz NOT NULL DEFAULT now(),
        discarded_at timestamptz,
        PRIMARY KEY (caller, key)
      )`);
    // The compensation looks keys up whatever their caller; the prune job walks them by age.
    await q.query(`CREATE INDEX creation_keys_by_key_idx ON creation_keys (key)`);
    await q.query(`CREATE INDEX creation_keys_prune_idx ON creation_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE creation_keys`);
  }
}
