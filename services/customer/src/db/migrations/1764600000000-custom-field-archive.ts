import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom field definitions can be archived by crm-admin: an archived field is no longer required, validated or listed,
 * and the values stored on accounts stay where they are, so unarchiving brings them back.
 */
export class CustomFieldArchive1764600000000 implements MigrationInterface {
  name = 'CustomFieldArchive1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE custom_field_definitions ADD COLUMN archived_at timestamptz, ADD COLUMN archived_by text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE custom_field_definitions DROP COLUMN archived_by, DROP COLUMN archived_at`);
  }
}
