import type { MigrationInterface, QueryRunner } from 'typeorm';
import { importFingerprintsMigrationSql } from '@crm/platform/csv-import';

/**
 * Leads from capture to conversion: the leads, the public web forms that capture them (with the shared per-form rate
 * limit budget), the admins' assignment rules with their round-robin state rows, the conversion saga's records, the
 * lead import's fingerprints (the deal a conversion creates is marked by opportunities.source_lead_id, already there).
 */
export class Leads1764810000000 implements MigrationInterface {
  name = 'Leads1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_forms (
        id uuid PRIMARY KEY,
        public_key text NOT NULL UNIQUE CHECK (length(public_key) >= 32),
        -- Signs the render time handed to the page, so a submission cannot claim it was shown long ago.
        signing_secret text NOT NULL CHECK (length(signing_secret) >= 32),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        team_id text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        rate_limit_per_minute int NOT NULL CHECK (rate_limit_per_minute BETWEEN 1 AND 10000),
        allowed_fields text[] NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE lead_assignment_rules (
        id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        priority int NOT NULL CHECK (priority BETWEEN 0 AND 10000),
        strategy text NOT NULL CHECK (strategy IN ('round_robin', 'territory', 'least_loaded')),
        team_id text NOT NULL,
        match_regions text[] NOT NULL DEFAULT '{}',
        match_industries text[] NOT NULL DEFAULT '{}',
        match_sources text[] NOT NULL DEFAULT '{}',
        members uuid[] NOT NULL CHECK (cardinality(members) >= 1),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // One row per rule, locked while a capture picks the next member, so replicas never hand out the same turn.
    await q.query(`
      CREATE TABLE lead_assignment_state (
        rule_id text PRIMARY KEY REFERENCES lead_assignment_rules (id) ON DELETE CASCADE,
        last_assigned_id uuid
      )`);
    await q.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY,
        company_name text CHECK (length(company_name) <= 200),
        person_name text CHECK (length(person_name) <= 200),
        title text CHECK (length(title) <= 120),
        email text,
        phone text,
        industry text,
        region text,
        source text NOT NULL CHECK (source IN ('graphql', 'web_form', 'import')),
        form_id uuid REFERENCES web_forms (id),
        status text NOT NULL CHECK (status IN ('new', 'working', 'qualified', 'converted', 'disqualified')),
        owner_id uuid,
        team_id text,
        assignment_rule_id text,
        disqualify_reason text,
        disqualify_note text,
        converted_account_id uuid,
        converted_contact_id uuid,
        converted_opportunity_id uuid,
        converted_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL DEFAULT 1,
        CHECK (company_name IS NOT NULL OR person_name IS NOT NULL),
        CHECK ((status = 'disqualified') = (disqualify_reason IS NOT NULL)),
        CHECK ((status = 'converted') = (converted_account_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX leads_list ON leads (updated_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX leads_open_by_owner ON leads (owner_id) WHERE status IN ('new', 'working', 'qualified')`,
    );
    await q.query(`CREATE INDEX leads_by_team_unassigned ON leads (team_id) WHERE owner_id IS NULL`);
    await q.query(`CREATE INDEX leads_by_converted_account ON leads (converted_account_id, created_at DESC, id DESC)`);
    // A retried web-form submission (same client submission id) returns the lead the first one captured.
    await q.query(`
      CREATE TABLE web_form_submissions (
        form_id uuid NOT NULL REFERENCES web_forms (id),
        submission_id text NOT NULL CHECK (length(submission_id) BETWEEN 1 AND 200),
        lead_id uuid NOT NULL REFERENCES leads (id),
        received_at timestamptz NOT NULL,
        PRIMARY KEY (form_id, submission_id)
      )`);
    // rate-limiter-flexible's PostgreSQL store (its own layout), shared by every replica; expired rows pruned by a job.
    await q.query(`
      CREATE TABLE web_form_rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await q.query(`
      CREATE TABLE lead_conversions (
        id uuid PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES leads (id),
        requested_by text NOT NULL,
        idempotency_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('started', 'account_done', 'contact_done', 'completed', 'abandoned')),
        request jsonb NOT NULL,
        account_key text NOT NULL,
        contact_key text NOT NULL,
        existing_account boolean NOT NULL,
        account_id uuid,
        contact_id uuid,
        opportunity_id uuid,
        -- Forward attempts that failed on something that may heal (the customer service down); the job gives up after N.
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (requested_by, idempotency_key)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX lead_conversions_one_open ON lead_conversions (lead_id)
        WHERE state IN ('started', 'account_done', 'contact_done')`,
    );
    await q.query(
      `CREATE INDEX lead_conversions_stuck ON lead_conversions (updated_at)
        WHERE state IN ('started', 'account_done', 'contact_done')`,
    );
    for (const statement of importFingerprintsMigrationSql('lead_import_fingerprints').up) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of importFingerprintsMigrationSql('lead_import_fingerprints').down) await q.query(statement);
    for (const table of [
      'lead_conversions',
      'web_form_rate_limits',
      'web_form_submissions',
      'leads',
      'lead_assignment_state',
      'lead_assignment_rules',
      'web_forms',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
