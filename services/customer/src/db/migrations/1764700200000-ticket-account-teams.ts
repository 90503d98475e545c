import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue (team) of each projected ticket, from `crm.ticket.ticket.assigned`: the service managers of that team
 * read the account as its agent does. A deleted ticket keeps its row without a team (and so grants nothing).
 */
export class TicketAccountTeams1764700200000 implements MigrationInterface {
  name = 'TicketAccountTeams1764700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_accounts ADD COLUMN team_id text`);
    await q.query(
      `CREATE INDEX ticket_accounts_by_team ON ticket_accounts (team_id, account_id) WHERE team_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ticket_accounts_by_team`);
    await q.query(`ALTER TABLE ticket_accounts DROP COLUMN team_id`);
  }
}
