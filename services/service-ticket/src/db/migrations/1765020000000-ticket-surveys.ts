import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Satisfaction surveys of resolved tickets: one row per resolution, answered at most once through its signed link. */
export class TicketSurveys1765020000000 implements MigrationInterface {
  name = 'TicketSurveys1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_surveys (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        sent_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL CHECK (expires_at > sent_at),
        answered_at timestamptz,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        comment text CHECK (char_length(comment) <= 2000),
        locale text NOT NULL CHECK (locale IN ('en', 'zh')),
        -- SHA-256 of the link's token: the token itself is a credential and is never stored.
        token_hash text NOT NULL UNIQUE,
        consumed boolean NOT NULL DEFAULT false,
        -- What a low rating did: reopened, or escalated to the team's manager.
        follow_up text CHECK (follow_up IN ('reopened', 'escalated')),
        CHECK (consumed = (answered_at IS NOT NULL)),
        CHECK ((answered_at IS NULL) = (rating IS NULL))
      )`);
    await q.query(`CREATE INDEX ticket_surveys_latest_of_ticket ON ticket_surveys (ticket_id, sent_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ticket_surveys`);
  }
}
