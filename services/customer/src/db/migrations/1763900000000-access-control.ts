import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row- and field-level access: teams as Keycloak group names, sensitive finance columns, grants (shares and approved
 * access requests), access requests, the projection of ticket assignments, and the pool's move log.
 */
export class AccessControl1763900000000 implements MigrationInterface {
  name = 'AccessControl1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // Teams are Keycloak groups (/teams/<name>): the account keeps the group name, as tokens carry it.
    await q.query(`ALTER TABLE accounts ALTER COLUMN team_id TYPE text USING team_id::text`);
    await q.query(
      `CREATE INDEX accounts_list_by_team_idx ON accounts (team_id, lower(name), id) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX accounts_pool_idx ON accounts (lower(name), id) WHERE deleted_at IS NULL AND owner_id IS NULL`,
    );
    await q.query(`
      ALTER TABLE accounts
        ADD COLUMN credit_limit numeric(18, 2) CHECK (credit_limit >= 0),
        ADD COLUMN credit_currency char(3),
        ADD COLUMN payment_terms text,
        ADD COLUMN bank_name text,
        ADD COLUMN bank_account text,
        ADD COLUMN tax_registration text,
        ADD COLUMN owner_since timestamptz,
        ADD COLUMN pool_warned_at timestamptz,
        ADD CONSTRAINT accounts_credit_currency_with_limit CHECK ((credit_limit IS NULL) = (credit_currency IS NULL))`);
    await q.query(`
      CREATE TABLE account_grants (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id),
        grantee_id text NOT NULL,
        access text NOT NULL CHECK (access IN ('read', 'edit')),
        source text NOT NULL CHECK (source IN ('share', 'access_request')),
        expires_at timestamptz,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL,
        request_id uuid
      )`);
    await q.query(`CREATE INDEX account_grants_by_grantee_idx ON account_grants (grantee_id, account_id)`);
    await q.query(`CREATE INDEX account_grants_by_account_idx ON account_grants (account_id)`);
    await q.query(`
      CREATE TABLE access_requests (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id),
        requester_id text NOT NULL,
        access text NOT NULL CHECK (access IN ('read', 'edit')),
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        requested_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decision_note text,
        grant_expires_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX access_requests_pending_by_account_idx ON access_requests (account_id) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE ticket_accounts (
        ticket_id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        agent_id text NOT NULL
      )`);
    await q.query(`CREATE INDEX ticket_accounts_by_agent_idx ON ticket_accounts (agent_id, account_id)`);
    await q.query(`
      CREATE TABLE pool_moves (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id),
        kind text NOT NULL CHECK (kind IN ('claim', 'release', 'auto_return', 'reassign', 'offboard')),
        from_owner_id uuid,
        to_owner_id uuid,
        actor_id text NOT NULL,
        reason text,
        moved_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX pool_moves_claims_by_actor_idx ON pool_moves (to_owner_id, moved_at) WHERE kind = 'claim'`,
    );
    await q.query(`CREATE INDEX pool_moves_by_account_idx ON pool_moves (account_id, moved_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pool_moves`);
    await q.query(`DROP TABLE ticket_accounts`);
    await q.query(`DROP TABLE access_requests`);
    await q.query(`DROP TABLE account_grants`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_credit_currency_with_limit, DROP COLUMN credit_limit, DROP COLUMN credit_currency,
      DROP COLUMN payment_terms, DROP COLUMN bank_name, DROP COLUMN bank_account, DROP COLUMN tax_registration, DROP COLUMN owner_since, DROP COLUMN pool_warned_at`);
    await q.query(`DROP INDEX accounts_pool_idx`);
    await q.query(`DROP INDEX accounts_list_by_team_idx`);
    await q.query(`ALTER TABLE accounts ALTER COLUMN team_id TYPE uuid USING team_id::uuid`);
  }
}
