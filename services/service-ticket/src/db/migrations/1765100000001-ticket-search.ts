import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The queue's `search` (number or subject ILIKE '%…%', application/ticket-list.ts) reads these trigram indexes. */
export class TicketSearch1765100000001 implements MigrationInterface {
  name = 'TicketSearch1765100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE INDEX tickets_subject_search ON tickets USING gin (subject gin_trgm_ops) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX tickets_number_search ON tickets USING gin (number gin_trgm_ops) WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_number_search`);
    await q.query(`DROP INDEX tickets_subject_search`);
  }
}
