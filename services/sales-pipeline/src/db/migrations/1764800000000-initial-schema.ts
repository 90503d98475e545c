import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditMigrationSql } from '@crm/platform/audit';
import { busMigrationSql, outboxDeliverySql } from '@crm/platform/bus';

/**
 * Pipelines and their stages, opportunities with their stage history, the projection of the customer service's
 * account access facts (owner, team, grants; fed by its events), and the platform's outbox/inbox and audit log.
 */
export class InitialSchema1764800000000 implements MigrationInterface {
  name = 'InitialSchema1764800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of busMigrationSql.up) await q.query(statement);
    for (const statement of outboxDeliverySql.up) await q.query(statement);
    for (const statement of auditMigrationSql.up) await q.query(statement);
    await q.query(`
      CREATE TABLE pipelines (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        business_line text NOT NULL CHECK (length(business_line) BETWEEN 1 AND 120),
        is_default boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        archived_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX pipelines_name_key ON pipelines (lower(name)) WHERE archived_at IS NULL`);
    await q.query(
      `CREATE UNIQUE INDEX pipelines_one_default ON pipelines (is_default) WHERE is_default AND archived_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE pipeline_stages (
        id uuid PRIMARY KEY,
        pipeline_id uuid NOT NULL REFERENCES pipelines (id),
        position int NOT NULL CHECK (position >= 0),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        kind text NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
        probability numeric(5, 2) NOT NULL CHECK (probability BETWEEN 0 AND 100),
        forecast_category text NOT NULL
          CHECK (forecast_category IN ('pipeline', 'best_case', 'commit', 'closed', 'omitted')),
        entry_criteria text[] NOT NULL DEFAULT '{}',
        idle_days int CHECK (idle_days IS NULL OR idle_days >= 1),
        removed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX pipeline_stages_by_pipeline ON pipeline_stages (pipeline_id, position) WHERE removed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE opportunities (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        account_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        team_id text,
        pipeline_id uuid NOT NULL REFERENCES pipelines (id),
        stage_id uuid NOT NULL REFERENCES pipeline_stages (id),
        status text NOT NULL CHECK (status IN ('open', 'won', 'lost')),
        amount numeric(19, 4) NOT NULL DEFAULT 0 CHECK (amount >= 0),
        currency char(3) NOT NULL,
        probability numeric(5, 2) NOT NULL CHECK (probability BETWEEN 0 AND 100),
        probability_overridden boolean NOT NULL DEFAULT false,
        expected_close_on date,
        next_step text,
        competitors text[] NOT NULL DEFAULT '{}',
        description text,
        primary_contact_id uuid,
        loss_reason text,
        closed_at timestamptz,
        stage_entered_at timestamptz NOT NULL,
        last_activity_at timestamptz,
        source_lead_id uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz,
        version int NOT NULL DEFAULT 1,
        CHECK ((status = 'open') = (closed_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX opportunities_kanban ON opportunities (pipeline_id, stage_id, updated_at DESC, id) WHERE deleted_at IS NULL AND status = 'open'`,
    );
    await q.query(
      `CREATE INDEX opportunities_by_account ON opportunities (account_id, created_at DESC, id) WHERE deleted_at IS NULL`,
    );
    await q.query(`CREATE INDEX opportunities_by_owner ON opportunities (owner_id, status) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX opportunities_by_team ON opportunities (team_id, status) WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE UNIQUE INDEX opportunities_one_per_lead ON opportunities (source_lead_id) WHERE source_lead_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE opportunity_stage_history (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        pipeline_id uuid NOT NULL,
        from_stage_id uuid,
        to_stage_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        moved_by text NOT NULL,
        moved_at timestamptz NOT NULL,
        seconds_in_previous bigint,
        reason text
      )`);
    await q.query(
      `CREATE INDEX opportunity_stage_history_by_deal ON opportunity_stage_history (opportunity_id, moved_at)`,
    );
    // What the customer service says about each account, projected from its events: who owns it, its team, shares.
    await q.query(`
      CREATE TABLE account_facts (
        account_id uuid PRIMARY KEY,
        owner_id uuid,
        team_id text,
        deleted_at timestamptz,
        merged_into_id uuid,
        purged_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX account_facts_by_owner ON account_facts (owner_id)`);
    await q.query(`CREATE INDEX account_facts_by_team ON account_facts (team_id)`);
    await q.query(`
      CREATE TABLE account_grant_facts (
        account_id uuid NOT NULL,
        grantee_id uuid NOT NULL,
        access text NOT NULL CHECK (access IN ('read', 'edit')),
        expires_at timestamptz,
        PRIMARY KEY (grantee_id, account_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'account_grant_facts',
      'account_facts',
      'opportunity_stage_history',
      'opportunities',
      'pipeline_stages',
      'pipelines',
    ])
      await q.query(`DROP TABLE ${table}`);
    for (const statement of auditMigrationSql.down) await q.query(statement);
    for (const statement of outboxDeliverySql.down) await q.query(statement);
    for (const statement of busMigrationSql.down) await q.query(statement);
  }
}
