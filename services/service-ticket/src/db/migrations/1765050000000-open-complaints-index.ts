import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Account.openComplaintCount counts a page of accounts' open complaints from this small partial index. */
export class OpenComplaintsIndex1765050000000 implements MigrationInterface {
  name = 'OpenComplaintsIndex1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX tickets_open_complaints_by_account ON tickets (account_id)
        WHERE complaint AND deleted_at IS NULL AND status NOT IN ('resolved', 'closed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_open_complaints_by_account`);
  }
}
