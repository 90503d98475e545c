import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditMigrationSql } from '@crm/platform/audit';

/** The service's append-only, hash-chained audit log. */
export class AuditLog1763900100000 implements MigrationInterface {
  name = 'AuditLog1763900100000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of auditMigrationSql.up) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of auditMigrationSql.down) await q.query(statement);
  }
}
