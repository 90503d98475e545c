import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxDeliverySql } from '@crm/platform/bus';

/** The outbox's per-aggregate event order, publish attempts and parking of unpublishable rows (libs/platform/bus). */
export class OutboxDelivery1764600300000 implements MigrationInterface {
  name = 'OutboxDelivery1764600300000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of outboxDeliverySql.up) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of outboxDeliverySql.down) await q.query(statement);
  }
}
