import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Mon–Fri 09:00–18:00 in Shanghai: a fresh install's calendar, until crm-admin enters the year's holidays and 调休. */
export const seededCalendar = {
  name: 'China office hours',
  timeZone: 'Asia/Shanghai',
  weeklyHours: {
    monday: [{ start: '09:00', end: '18:00' }],
    tuesday: [{ start: '09:00', end: '18:00' }],
    wednesday: [{ start: '09:00', end: '18:00' }],
    thursday: [{ start: '09:00', end: '18:00' }],
    friday: [{ start: '09:00', end: '18:00' }],
    saturday: [],
    sunday: [],
  },
};

const t = (firstResponse: number, nextResponse: number, resolution: number) => ({
  firstResponse,
  nextResponse,
  resolution,
});

/** Business minutes by priority × grade (A strictest); complaints (投诉) stricter than every grade. */
export const seededPolicy = {
  name: 'Standard',
  targets: {
    urgent: { A: t(30, 60, 240), B: t(30, 60, 360), C: t(60, 120, 480), none: t(60, 120, 480) },
    high: { A: t(60, 120, 480), B: t(60, 120, 720), C: t(120, 240, 960), none: t(120, 240, 960) },
    normal: { A: t(120, 240, 960), B: t(240, 480, 1440), C: t(240, 480, 1920), none: t(240, 480, 1920) },
    low: { A: t(240, 480, 1920), B: t(480, 960, 2880), C: t(480, 960, 4800), none: t(480, 960, 4800) },
  },
  complaintOverride: {
    urgent: t(15, 30, 180),
    high: t(30, 60, 360),
    normal: t(60, 120, 720),
    low: t(120, 240, 1440),
  },
};

/**
 * The SLA engine's tables: business calendars and SLA policies (edited by crm-admin without a deploy, one default
 * policy), each ticket's computed clock with the instant the schedule next looks at it, and the alerts already sent
 * (unique per ticket, target, kind and clock cycle: two replicas cannot both send one).
 */
export class SlaEngine1765010000000 implements MigrationInterface {
  name = 'SlaEngine1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE business_calendars (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      time_zone text NOT NULL,
      weekly_hours jsonb NOT NULL,
      holidays date[] NOT NULL DEFAULT '{}',
      closures jsonb NOT NULL DEFAULT '[]',
      make_up_days jsonb NOT NULL DEFAULT '[]',
      version integer NOT NULL DEFAULT 1,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX business_calendars_name_unique ON business_calendars (lower(name))`);
    await q.query(`CREATE TABLE sla_policies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      calendar_id uuid NOT NULL REFERENCES business_calendars (id),
      targets jsonb NOT NULL,
      complaint_override jsonb NOT NULL,
      is_default boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX sla_policies_name_unique ON sla_policies (lower(name))`);
    // At most one default here; setDefaultSlaPolicy moves it in one transaction, so there is always exactly one.
    await q.query(`CREATE UNIQUE INDEX sla_policies_one_default ON sla_policies (is_default) WHERE is_default`);
    await q.query(`CREATE INDEX sla_policies_by_calendar ON sla_policies (calendar_id)`);
    await q.query(`CREATE TABLE ticket_sla (
      ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
      policy_id uuid NOT NULL REFERENCES sla_policies (id),
      policy_version integer NOT NULL,
      calendar_version integer NOT NULL,
      grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'none')),
      priority text NOT NULL,
      complaint boolean NOT NULL,
      targets jsonb NOT NULL,
      clock jsonb NOT NULL,
      is_open boolean NOT NULL,
      next_alert_at timestamptz,
      computed_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX ticket_sla_due ON ticket_sla (next_alert_at) WHERE next_alert_at IS NOT NULL`);
    // The schedule finds open tickets computed with an older policy or calendar version (recompute after an edit).
    await q.query(`CREATE INDEX ticket_sla_stale_policy ON ticket_sla (policy_id, policy_version) WHERE is_open`);
    await q.query(`CREATE INDEX ticket_sla_stale_calendar ON ticket_sla (policy_id, calendar_version) WHERE is_open`);
    await q.query(`CREATE TABLE sla_alerts_sent (
      id bigserial PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      target text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
      started_at timestamptz NOT NULL,
      crossed_at timestamptz NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT sla_alerts_sent_once UNIQUE (ticket_id, target, kind, started_at)
    )`);
    const [calendar]: { id: string }[] = await q.query(
      `INSERT INTO business_calendars (name, time_zone, weekly_hours, created_by, updated_by)
       VALUES ($1, $2, $3, 'system', 'system') RETURNING id`,
      [seededCalendar.name, seededCalendar.timeZone, JSON.stringify(seededCalendar.weeklyHours)],
    );
    await q.query(
      `INSERT INTO sla_policies (name, calendar_id, targets, complaint_override, is_default, created_by, updated_by)
       VALUES ($1, $2, $3, $4, true, 'system', 'system')`,
      [
        seededPolicy.name,
        calendar.id,
        JSON.stringify(seededPolicy.targets),
        JSON.stringify(seededPolicy.complaintOverride),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_alerts_sent`);
    await q.query(`DROP TABLE ticket_sla`);
    await q.query(`DROP TABLE sla_policies`);
    await q.query(`DROP TABLE business_calendars`);
  }
}
