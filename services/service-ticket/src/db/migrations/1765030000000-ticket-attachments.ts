import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachment metadata of tickets (the bytes are in the attachment storage under `storage_key`); a deleted attachment
 * keeps its row (deleted_at) for the audit trail while its bytes are removed.
 */
export class TicketAttachments1765030000000 implements MigrationInterface {
  name = 'TicketAttachments1765030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_attachments (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL,
        storage_key uuid NOT NULL UNIQUE,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        deleted_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX ticket_attachments_of_ticket ON ticket_attachments (ticket_id, uploaded_at, id)
         WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ticket_attachments`);
  }
}
