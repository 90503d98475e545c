import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A clock's target entries, as rows (k: the target, v: its stored clock). */
const targets = `jsonb_each(s.clock) AS e(k, v)`;

/**
 * The queue filters tickets by SLA standing and sorts them by next deadline in SQL: the instants domain/sla-standing.ts
 * derives from the clock are stored beside it (saveTicketSla writes them), backfilled here from the stored clocks.
 */
export class SlaQueueMarks1765100000000 implements MigrationInterface {
  name = 'SlaQueueMarks1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_sla
      ADD COLUMN next_deadline timestamptz,
      ADD COLUMN next_deadline_target text,
      ADD COLUMN at_risk_from timestamptz,
      ADD COLUMN breached_from timestamptz`);
    const next = `FROM ${targets} WHERE v->>'state' IN ('running', 'paused', 'breached') AND v->>'deadline' IS NOT NULL
      ORDER BY (v->>'deadline')::timestamptz LIMIT 1`;
    await q.query(`UPDATE ticket_sla s SET
      next_deadline = (SELECT (v->>'deadline')::timestamptz ${next}),
      next_deadline_target = (SELECT k ${next}),
      at_risk_from = (SELECT min((v->>'warningAt')::timestamptz) FROM ${targets} WHERE v->>'state' = 'running'),
      breached_from = (SELECT min(CASE WHEN v->>'state' = 'breached'
          THEN COALESCE(v->>'breachAt', v->>'deadline', '1970-01-01T00:00:00Z') ELSE v->>'deadline' END::timestamptz)
        FROM ${targets} WHERE v->>'state' IN ('running', 'breached'))`);
    await q.query(`CREATE INDEX ticket_sla_by_next_deadline ON ticket_sla (next_deadline, ticket_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ticket_sla_by_next_deadline`);
    await q.query(`ALTER TABLE ticket_sla DROP COLUMN next_deadline, DROP COLUMN next_deadline_target,
      DROP COLUMN at_risk_from, DROP COLUMN breached_from`);
  }
}
