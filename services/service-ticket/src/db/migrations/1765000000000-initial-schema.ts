import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditMigrationSql } from '@crm/platform/audit';
import { busMigrationSql, outboxDeliverySql } from '@crm/platform/bus';
import { accountFactsMigrationSql } from '@crm/platform/customer-accounts';
import { idempotencyMigrationSql } from '@crm/platform/idempotency';

/**
 * Tickets with their status history and messages (customer messages, replies, internal notes), the projection of
 * the customer service's account facts (owner, team, grade, grants), idempotency keys, outbox/inbox and audit log.
 */
export class InitialSchema1765000000000 implements MigrationInterface {
  name = 'InitialSchema1765000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of [
      ...busMigrationSql.up,
      ...outboxDeliverySql.up,
      ...auditMigrationSql.up,
      ...idempotencyMigrationSql.up,
      ...accountFactsMigrationSql.up,
    ])
      await q.query(statement);
    await q.query(`CREATE SEQUENCE ticket_number_seq`);
    await q.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
        description text NOT NULL CHECK (length(description) <= 20000),
        channel text NOT NULL CHECK (channel IN ('phone', 'email', 'web_form', 'wechat', 'portal')),
        category text NOT NULL CHECK (length(category) BETWEEN 1 AND 80),
        priority text NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
        complaint boolean NOT NULL DEFAULT false,
        status text NOT NULL
          CHECK (status IN ('new', 'assigned', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
        account_id uuid NOT NULL,
        contact_id uuid,
        team_id text NOT NULL CHECK (length(team_id) BETWEEN 1 AND 120),
        agent_id uuid,
        skills text[] NOT NULL DEFAULT '{}',
        requester_email text,
        resolution_summary text,
        root_cause_category text,
        resolved_at timestamptz,
        closed_at timestamptz,
        first_response_at timestamptz,
        last_customer_message_at timestamptz,
        last_agent_reply_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz,
        version int NOT NULL DEFAULT 1,
        CHECK ((status IN ('assigned', 'in_progress', 'waiting_on_customer')) <= (agent_id IS NOT NULL)),
        CHECK ((status IN ('resolved', 'closed')) = (resolved_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX tickets_by_account ON tickets (account_id, created_at DESC, id) WHERE deleted_at IS NULL`,
    );
    await q.query(`CREATE INDEX tickets_by_agent ON tickets (agent_id, status) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX tickets_by_team ON tickets (team_id, status) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX tickets_by_update ON tickets (updated_at DESC, id) WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE TABLE ticket_status_history (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        from_status text,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        by_user text NOT NULL,
        reason text
      )`);
    await q.query(`CREATE INDEX ticket_status_history_by_ticket ON ticket_status_history (ticket_id, at, id)`);
    await q.query(`
      CREATE TABLE ticket_messages (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id),
        kind text NOT NULL CHECK (kind IN ('customer', 'reply', 'note')),
        author text NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
        email_message_id text UNIQUE,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ticket_messages', 'ticket_status_history', 'tickets']) await q.query(`DROP TABLE ${table}`);
    await q.query(`DROP SEQUENCE ticket_number_seq`);
    for (const statement of [
      ...accountFactsMigrationSql.down,
      ...idempotencyMigrationSql.down,
      ...auditMigrationSql.down,
      ...outboxDeliverySql.down,
      ...busMigrationSql.down,
    ])
      await q.query(statement);
  }
}
