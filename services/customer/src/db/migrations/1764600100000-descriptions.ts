import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Free-text notes (备注) on accounts and contacts; nullable, so adding them rewrites no row. */
export class Descriptions1764600100000 implements MigrationInterface {
  name = 'Descriptions1764600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN description text`);
    await q.query(`ALTER TABLE contacts ADD COLUMN description text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contacts DROP COLUMN description`);
    await q.query(`ALTER TABLE accounts DROP COLUMN description`);
  }
}
