/** The customer service's stream, declared by its producer; other services only read it. */
export const CUSTOMER_STREAM = 'CUSTOMER';

/** The customer events projectAccountFacts reads: a consumer of the projection filters on these (and its own). */
export const ACCOUNT_FACT_SUBJECTS = [
  'crm.customer.account.created',
  'crm.customer.account.updated',
  'crm.customer.account.owner_changed',
  'crm.customer.account.deleted',
  'crm.customer.account.restored',
  'crm.customer.account.merged',
  'crm.customer.account.purged',
  'crm.customer.account.returned_to_pool',
  'crm.customer.account.grant_changed',
];

/**
 * The projection of the customer service's account facts (owner, team, grade, deleted, merged, purged) and of its
 * grants, each row guarded by the customer event sequence it was last set from. For a new service's first migration;
 * the sales service built the same tables over three of its own migrations.
 */
export const accountFactsMigrationSql = {
  up: [
    `CREATE TABLE account_facts (
       account_id uuid PRIMARY KEY,
       owner_id uuid,
       team_id text,
       grade text CHECK (grade IN ('A', 'B', 'C')),
       deleted_at timestamptz,
       merged_into_id uuid,
       purged_at timestamptz,
       updated_at timestamptz NOT NULL,
       event_seq bigint NOT NULL DEFAULT 0
     )`,
    `CREATE INDEX account_facts_by_owner ON account_facts (owner_id)`,
    `CREATE INDEX account_facts_by_team ON account_facts (team_id)`,
    `CREATE TABLE account_grant_facts (
       account_id uuid NOT NULL,
       grantee_id uuid NOT NULL,
       access text NOT NULL CHECK (access IN ('read', 'edit')),
       expires_at timestamptz,
       event_seq bigint NOT NULL DEFAULT 0,
       PRIMARY KEY (grantee_id, account_id)
     )`,
  ],
  down: [`DROP TABLE account_grant_facts`, `DROP TABLE account_facts`],
};
