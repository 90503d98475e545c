import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The deal list's `search` (name ILIKE '%…%', application/opportunity-day-filters.ts) reads this trigram index. */
export class OpportunityNameSearch1765100000000 implements MigrationInterface {
  name = 'OpportunityNameSearch1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE INDEX opportunities_name_search ON opportunities USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX opportunities_name_search`);
  }
}
