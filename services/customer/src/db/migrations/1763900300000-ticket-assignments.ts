import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ticket_accounts` is fed by the service-ticket events (crm.ticket.ticket.assigned / deleted). Each row keeps the
 * ticket's version so an older event redelivered after a newer one changes nothing; an unassigned or deleted ticket
 * keeps its row with no agent (and so grants nothing) for the same reason.
 */
export class TicketAssignments1763900300000 implements MigrationInterface {
  name = 'TicketAssignments1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_accounts ALTER COLUMN agent_id DROP NOT NULL`);
    await q.query(`ALTER TABLE ticket_accounts ADD COLUMN version bigint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ticket_accounts WHERE agent_id IS NULL`);
    await q.query(`ALTER TABLE ticket_accounts DROP COLUMN version`);
    await q.query(`ALTER TABLE ticket_accounts ALTER COLUMN agent_id SET NOT NULL`);
  }
}
