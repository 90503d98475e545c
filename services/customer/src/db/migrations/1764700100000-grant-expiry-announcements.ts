import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant lapses by the clock, not by a write: a job announces each lapsed grant once (grant_changed, reason expired)
 * and stamps it here, so other services' access projections drop it.
 */
export class GrantExpiryAnnouncements1764700100000 implements MigrationInterface {
  name = 'GrantExpiryAnnouncements1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_grants ADD COLUMN expiry_announced_at timestamptz`);
    await q.query(`
      CREATE INDEX account_grants_expiry_due_idx ON account_grants (expires_at)
        WHERE expires_at IS NOT NULL AND expiry_announced_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX account_grants_expiry_due_idx`);
    await q.query(`ALTER TABLE account_grants DROP COLUMN expiry_announced_at`);
  }
}
