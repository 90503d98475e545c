import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer service's event sequence (`crm-aggregate-seq` of the account) each account fact and grant fact was
 * last set from, so a late redelivery of an older event does not overwrite newer facts.
 */
export class AccountFactsOrder1764860000000 implements MigrationInterface {
  name = 'AccountFactsOrder1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_facts ADD COLUMN event_seq bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE account_grant_facts ADD COLUMN event_seq bigint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account_grant_facts DROP COLUMN event_seq`);
    await q.query(`ALTER TABLE account_facts DROP COLUMN event_seq`);
  }
}
