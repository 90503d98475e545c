import type { MigrationInterface, QueryRunner } from 'typeorm';
import { busMigrationSql } from '@crm/platform/bus';

/** Accounts, contacts, activities, custom field definitions, merges, imports, and the outbox/inbox of the bus. */
export class InitialSchema1763856000000 implements MigrationInterface {
  name = 'InitialSchema1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        name_key text,
        tax_id text,
        tax_id_key text,
        industry text,
        size text CHECK (size IN ('micro', 'small', 'medium', 'large', 'enterprise')),
        website text,
        addresses jsonb NOT NULL DEFAULT '[]',
        phones text[] NOT NULL DEFAULT '{}',
        phone_keys text[] NOT NULL DEFAULT '{}',
        emails text[] NOT NULL DEFAULT '{}',
        email_keys text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        grade text CHECK (grade IN ('A', 'B', 'C')),
        lifecycle_stage text NOT NULL CHECK (lifecycle_stage IN ('prospect', 'customer', 'churned')),
        owner_id uuid,
        team_id uuid,
        custom_fields jsonb NOT NULL DEFAULT '{}',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        last_activity_at timestamptz,
        deleted_at timestamptz,
        deleted_by text,
        merged_into_id uuid REFERENCES accounts (id),
        version int NOT NULL DEFAULT 1
      )`);
    // Search: name prefix (btree on lower(name)), name fragment (trigram), exact keys for phone/email/tax id.
    await q.query(
      `CREATE INDEX accounts_search_name_prefix_idx ON accounts (lower(name) text_pattern_ops) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX accounts_search_name_fragment_idx ON accounts USING gin (lower(name) gin_trgm_ops) WHERE deleted_at IS NULL`,
    );
    await q.query(`CREATE INDEX accounts_search_phone_idx ON accounts USING gin (phone_keys) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX accounts_search_email_idx ON accounts USING gin (email_keys) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX accounts_search_tax_id_idx ON accounts (tax_id_key) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX accounts_dedupe_name_idx ON accounts (name_key) WHERE deleted_at IS NULL`);
    // Lists: default order by name, per owner, by recency, by tag, and the recycle bin.
    await q.query(`CREATE INDEX accounts_list_by_name_idx ON accounts (lower(name), id) WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE INDEX accounts_list_by_owner_idx ON accounts (owner_id, lower(name), id) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX accounts_list_by_last_activity_idx ON accounts (last_activity_at, id) WHERE deleted_at IS NULL`,
    );
    await q.query(`CREATE INDEX accounts_list_by_created_idx ON accounts (created_at, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX accounts_filter_tags_idx ON accounts USING gin (tags) WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE INDEX accounts_recycle_bin_idx ON accounts (deleted_at DESC, id) WHERE deleted_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        title text,
        role text,
        phones text[] NOT NULL DEFAULT '{}',
        phone_keys text[] NOT NULL DEFAULT '{}',
        emails text[] NOT NULL DEFAULT '{}',
        email_keys text[] NOT NULL DEFAULT '{}',
        birthday date,
        preferred_channel text CHECK (preferred_channel IN ('phone', 'email', 'wechat', 'sms', 'visit')),
        consent_email boolean NOT NULL DEFAULT false,
        consent_sms boolean NOT NULL DEFAULT false,
        consent_wechat boolean NOT NULL DEFAULT false,
        owner_id uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(
      `CREATE INDEX contacts_list_by_account_idx ON contacts (account_id, lower(name), id) WHERE deleted_at IS NULL`,
    );
    await q.query(`CREATE INDEX contacts_search_email_idx ON contacts USING gin (email_keys) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX contacts_search_phone_idx ON contacts USING gin (phone_keys) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id),
        contact_id uuid REFERENCES contacts (id),
        kind text NOT NULL CHECK (kind IN ('call', 'visit', 'meeting', 'email', 'wechat', 'note')),
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
        outcome text,
        next_step text,
        next_follow_up_at timestamptz,
        occurred_at timestamptz NOT NULL,
        opportunity_id uuid,
        ticket_id uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX activities_timeline_idx ON activities (account_id, occurred_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE custom_field_definitions (
        id uuid PRIMARY KEY,
        object_type text NOT NULL CHECK (object_type IN ('account', 'contact')),
        key text NOT NULL,
        label text NOT NULL,
        type text NOT NULL,
        required boolean NOT NULL DEFAULT false,
        options jsonb,
        min double precision,
        max double precision,
        max_length int,
        pattern text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT custom_field_definitions_key_unique UNIQUE (object_type, key)
      )`);

    await q.query(`
      CREATE TABLE account_merges (
        id uuid PRIMARY KEY,
        winner_id uuid NOT NULL REFERENCES accounts (id),
        loser_id uuid NOT NULL REFERENCES accounts (id),
        loser_snapshot jsonb NOT NULL,
        winner_before jsonb NOT NULL,
        moved_contacts int NOT NULL,
        moved_activities int NOT NULL,
        merged_by text NOT NULL,
        merged_at timestamptz NOT NULL,
        request_id text
      )`);

    // Rows already imported (by content fingerprint), so re-running a file changes nothing.
    await q.query(`
      CREATE TABLE import_fingerprints (
        object_type text NOT NULL,
        fingerprint text NOT NULL,
        record_id uuid NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (object_type, fingerprint)
      )`);

    for (const statement of busMigrationSql.up) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of busMigrationSql.down) await q.query(statement);
    await q.query(`DROP TABLE import_fingerprints`);
    await q.query(`DROP TABLE account_merges`);
    await q.query(`DROP TABLE custom_field_definitions`);
    await q.query(`DROP TABLE activities`);
    await q.query(`DROP TABLE contacts`);
    await q.query(`DROP TABLE accounts`);
  }
}
