// A ticket's computed SLA state (table ticket_sla) and the alerts already sent for it (sla_alerts_sent).
import type { EntityManager } from 'typeorm';
import type { SlaClock, SlaTargetClock } from '../domain/sla-clock';
import type { SentSlaAlert } from '../domain/sla-alerts';
import { slaMarks, type SlaMarks } from '../domain/sla-standing';
import {
  slaTargetKinds,
  type CustomerGrade,
  type SlaTargetKind,
  type SlaTargets,
  type TicketPriority,
} from '../domain/sla-policy';

export interface TicketSlaRow {
  ticketId: string;
  policyId: string;
  policyVersion: number;
  calendarVersion: number;
  grade: CustomerGrade;
  priority: TicketPriority;
  complaint: boolean;
  targets: SlaTargets;
  clock: SlaClock;
  /** Neither resolved, closed nor deleted: a policy or calendar edit recomputes it. */
  isOpen: boolean;
  nextAlertAt: Date | null;
  computedAt: Date;
}

/** A stored row and whether its policy or calendar changed since it was computed (the schedule catches up). */
export interface TicketSlaView extends TicketSlaRow {
  recomputePending: boolean;
}

type StoredTargetClock = Omit<SlaTargetClock, 'startedAt' | 'deadline' | 'warningAt' | 'breachAt'> & {
  startedAt: string | null;
  deadline: string | null;
  warningAt: string | null;
  breachAt: string | null;
};

const instant = (value: string | null): Date | null => (value === null ? null : new Date(value));

function clockFromJson(stored: Record<SlaTargetKind, StoredTargetClock>): SlaClock {
  const entries = slaTargetKinds.map((kind): [SlaTargetKind, SlaTargetClock] => {
    const c = stored[kind];
    return [
      kind,
      {
        ...c,
        startedAt: instant(c.startedAt),
        deadline: instant(c.deadline),
        warningAt: instant(c.warningAt),
        breachAt: instant(c.breachAt),
      },
    ];
  });
  return Object.fromEntries(entries) as SlaClock;
}

interface TicketSlaRecord {
  ticket_id: string;
  policy_id: string;
  policy_version: number;
  calendar_version: number;
  grade: CustomerGrade;
  priority: TicketPriority;
  complaint: boolean;
  targets: SlaTargets;
  clock: Record<SlaTargetKind, StoredTargetClock>;
  is_open: boolean;
  next_alert_at: Date | null;
  computed_at: Date;
  recompute_pending: boolean;
}

/** The SLA state of these tickets (one statement), with whether an edit of their policy or calendar is pending. */
export async function ticketSlaByIds(
  manager: EntityManager,
  ticketIds: readonly string[],
): Promise<Map<string, TicketSlaView>> {
  if (!ticketIds.length) return new Map();
  const rows: TicketSlaRecord[] = await manager.query(
    `SELECT s.*, (s.is_open AND (s.policy_version < p.version OR s.calendar_version < c.version)) AS recompute_pending
       FROM ticket_sla s JOIN sla_policies p ON p.id = s.policy_id JOIN business_calendars c ON c.id = p.calendar_id
      WHERE s.ticket_id = ANY($1::uuid[])`,
    [[...new Set(ticketIds)]],
  );
  return new Map(
    rows.map((r) => [
      r.ticket_id,
      {
        ticketId: r.ticket_id,
        policyId: r.policy_id,
        policyVersion: r.policy_version,
        calendarVersion: r.calendar_version,
        grade: r.grade,
        priority: r.priority,
        complaint: r.complaint,
        targets: r.targets,
        clock: clockFromJson(r.clock),
        isOpen: r.is_open,
        nextAlertAt: r.next_alert_at,
        computedAt: r.computed_at,
        recomputePending: r.recompute_pending,
      },
    ]),
  );
}

/** The queue's SQL columns (ticket_sla.next_deadline ...) of a clock's marks. */
function marksRecord(marks: SlaMarks): Record<string, string | null> {
  return {
    next_deadline: marks.nextDeadline?.toISOString() ?? null,
    next_deadline_target: marks.nextDeadlineTarget,
    at_risk_from: marks.atRiskFrom?.toISOString() ?? null,
    breached_from: marks.breachedFrom?.toISOString() ?? null,
  };
}

/** Writes the computed state of many tickets in one statement. */
export async function saveTicketSla(manager: EntityManager, rows: readonly TicketSlaRow[]): Promise<void> {
  if (!rows.length) return;
  const records = rows.map((r) => ({
    ...marksRecord(slaMarks(r.clock)),
    ticket_id: r.ticketId,
    policy_id: r.policyId,
    policy_version: r.policyVersion,
    calendar_version: r.calendarVersion,
    grade: r.grade,
    priority: r.priority,
    complaint: r.complaint,
    targets: r.targets,
    clock: r.clock,
    is_open: r.isOpen,
    next_alert_at: r.nextAlertAt?.toISOString() ?? null,
    computed_at: r.computedAt.toISOString(),
  }));
  await manager.query(
    `INSERT INTO ticket_sla (ticket_id, policy_id, policy_version, calendar_version, grade, priority, complaint,
       targets, clock, is_open, next_alert_at, computed_at, next_deadline, next_deadline_target, at_risk_from,
       breached_from)
     SELECT ticket_id, policy_id, policy_version, calendar_version, grade, priority, complaint, targets, clock, is_open,
       next_alert_at, computed_at, next_deadline, next_deadline_target, at_risk_from, breached_from FROM jsonb_to_recordset($1::jsonb) AS r(ticket_id uuid, policy_id uuid, policy_version integer,
       calendar_version integer, grade text, priority text, complaint boolean, targets jsonb, clock jsonb,
       is_open boolean, next_alert_at timestamptz, computed_at timestamptz, next_deadline timestamptz,
       next_deadline_target text, at_risk_from timestamptz, breached_from timestamptz)
     ON CONFLICT (ticket_id) DO UPDATE SET policy_id = EXCLUDED.policy_id, policy_version = EXCLUDED.policy_version,
       calendar_version = EXCLUDED.calendar_version, grade = EXCLUDED.grade, priority = EXCLUDED.priority,
       complaint = EXCLUDED.complaint, targets = EXCLUDED.targets, clock = EXCLUDED.clock,
       is_open = EXCLUDED.is_open, next_alert_at = EXCLUDED.next_alert_at, computed_at = EXCLUDED.computed_at,
       next_deadline = EXCLUDED.next_deadline, next_deadline_target = EXCLUDED.next_deadline_target,
       at_risk_from = EXCLUDED.at_risk_from, breached_from = EXCLUDED.breached_from`,
    [JSON.stringify(records)],
  );
}

/** The policy each ticket was given (kept for its life), for tickets that have SLA state already. */
export async function policyIdsOfTickets(
  manager: EntityManager,
  ticketIds: readonly string[],
): Promise<Map<string, string>> {
  if (!ticketIds.length) return new Map();
  const rows: { ticket_id: string; policy_id: string }[] = await manager.query(
    `SELECT ticket_id, policy_id FROM ticket_sla WHERE ticket_id = ANY($1::uuid[])`,
    [[...ticketIds]],
  );
  return new Map(rows.map((r) => [r.ticket_id, r.policy_id]));
}

export async function sentAlertsOf(
  manager: EntityManager,
  ticketIds: readonly string[],
): Promise<Map<string, SentSlaAlert[]>> {
  const sent = new Map<string, SentSlaAlert[]>(ticketIds.map((id) => [id, []]));
  if (!ticketIds.length) return sent;
  const rows: { ticket_id: string; target: SlaTargetKind; kind: SentSlaAlert['kind']; started_at: Date }[] =
    await manager.query(
      `SELECT ticket_id, target, kind, started_at FROM sla_alerts_sent WHERE ticket_id = ANY($1::uuid[])`,
      [[...ticketIds]],
    );
  for (const r of rows) sent.get(r.ticket_id)?.push({ target: r.target, kind: r.kind, startedAt: r.started_at });
  return sent;
}

/** Records an alert unless it was already sent (the unique key decides between racing replicas): true if recorded. */
export async function recordAlertSent(
  manager: EntityManager,
  ticketId: string,
  alert: SentSlaAlert & { crossedAt: Date },
  sentAt: Date,
): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO sla_alerts_sent (ticket_id, target, kind, started_at, crossed_at, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ON CONSTRAINT sla_alerts_sent_once DO NOTHING RETURNING id`,
    [ticketId, alert.target, alert.kind, alert.startedAt, alert.crossedAt, sentAt],
  );
  return inserted.length > 0;
}
