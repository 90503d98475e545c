import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The account's grade in the shared account facts projection (@crm/platform/customer-accounts writes it). */
export class AccountFactsGrade1764870000000 implements MigrationInterface {
  name = 'AccountFactsGrade1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_facts ADD COLUMN grade text CHECK (grade IN ('A', 'B', 'C'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_facts DROP COLUMN grade`);
  }
}
