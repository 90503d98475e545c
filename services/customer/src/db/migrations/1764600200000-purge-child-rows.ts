import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a recycle-bin purge does to the rows that point at an account: its grants and access requests go with it (they
 * mean nothing without the account; every share, request and decision stays in the audit log); its pool moves stay,
 * detached (account_id null), as history and for the reps' daily claim counts.
 */
export class PurgeChildRows1764600200000 implements MigrationInterface {
  name = 'PurgeChildRows1764600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE account_grants
        DROP CONSTRAINT account_grants_account_id_fkey,
        ADD CONSTRAINT account_grants_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE`);
    await q.query(`
      ALTER TABLE access_requests
        DROP CONSTRAINT access_requests_account_id_fkey,
        ADD CONSTRAINT access_requests_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE`);
    await q.query(`
      ALTER TABLE pool_moves
        ALTER COLUMN account_id DROP NOT NULL,
        DROP CONSTRAINT pool_moves_account_id_fkey,
        ADD CONSTRAINT pool_moves_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Fails while detached pool moves exist: history is not deleted to undo a migration.
    await q.query(`
      ALTER TABLE pool_moves
        DROP CONSTRAINT pool_moves_account_id_fkey,
        ADD CONSTRAINT pool_moves_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id),
        ALTER COLUMN account_id SET NOT NULL`);
    await q.query(`
      ALTER TABLE access_requests
        DROP CONSTRAINT access_requests_account_id_fkey,
        ADD CONSTRAINT access_requests_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id)`);
    await q.query(`
      ALTER TABLE account_grants
        DROP CONSTRAINT account_grants_account_id_fkey,
        ADD CONSTRAINT account_grants_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id)`);
  }
}
