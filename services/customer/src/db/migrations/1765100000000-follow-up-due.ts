import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up cadence: the explicit next follow-up of each account's latest activity, kept on the account, and the
 * indexes of "due at or before now": explicit dates, and for the others the last follow-up by grade.
 */
export class FollowUpDue1765100000000 implements MigrationInterface {
  name = 'FollowUpDue1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN next_follow_up_at timestamptz`);
    await q.query(
      `UPDATE accounts a SET next_follow_up_at = latest.next_follow_up_at
         FROM (SELECT DISTINCT ON (account_id) account_id, next_follow_up_at
                 FROM activities ORDER BY account_id, occurred_at DESC, created_at DESC) latest
        WHERE latest.account_id = a.id AND latest.next_follow_up_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX accounts_follow_up_explicit_idx ON accounts (next_follow_up_at, id)
        WHERE deleted_at IS NULL AND next_follow_up_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX accounts_follow_up_by_grade_idx
          ON accounts (grade, (coalesce(greatest(last_activity_at, owner_since), created_at)), id)
        WHERE deleted_at IS NULL AND next_follow_up_at IS NULL AND grade IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX accounts_follow_up_by_grade_idx`);
    await q.query(`DROP INDEX accounts_follow_up_explicit_idx`);
    await q.query(`ALTER TABLE accounts DROP COLUMN next_follow_up_at`);
  }
}
