import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Saved views of the accounts list (application/saved-account-views.ts): per user, optionally shared to everyone. */
export class SavedAccountViews1765100100000 implements MigrationInterface {
  name = 'SavedAccountViews1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE saved_account_views (
        id uuid PRIMARY KEY,
        owner_id text NOT NULL,
        name text NOT NULL,
        search text,
        filter jsonb NOT NULL DEFAULT '{}',
        sort jsonb,
        shared boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
    );
    await q.query(
      `CREATE UNIQUE INDEX saved_account_views_name_per_owner ON saved_account_views (owner_id, lower(name))`,
    );
    await q.query(`CREATE INDEX saved_account_views_shared ON saved_account_views (name) WHERE shared`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_account_views`);
  }
}
