import type { DataSource, EntityManager } from 'typeorm';
import { audit, auditEntry } from '@crm/platform/audit';
import { systemActor, type Actor } from '@crm/platform/auth';
import { dueSlaAlerts, nextSlaAlertAt, type DueSlaAlert } from '../domain/sla-alerts';
import { recordAlertSent, saveTicketSla } from '../db/ticket-sla-rows';
import { computeTicketSlas, type SlaTicketFacts } from './ticket-sla-recompute';

/** One alert to publish (crm.ticket.sla.warning / .breached) in the schedule's transaction. */
export interface SlaAlertNotice {
  ticket: SlaTicketFacts;
  alert: DueSlaAlert;
  /** When the target falls (or fell) due. */
  deadline: Date;
  /** A breach escalates to the team's managers; empty for a warning. */
  escalateTo: string[];
}

/** Writes the alert's event to the outbox, inside the transaction that records it as sent. */
export type SlaAlertWriter = (tx: EntityManager, actor: Actor, notice: SlaAlertNotice) => Promise<void>;

export interface SlaScheduleOptions {
  /** Tickets claimed per transaction. */
  batchSize?: number;
  /** Batches per run at most, so one run ends; the next tick goes on. */
  maxBatches?: number;
}

export interface SlaScheduleRun {
  recomputed: number;
  warnings: number;
  breaches: number;
}

/** One run: who acts, its instant, its counts and the team managers it already asked for. */
interface RunContext {
  actor: Actor;
  now: Date;
  totals: SlaScheduleRun;
  managers: Map<string, Promise<string[]>>;
}

interface StalePolicy {
  id: string;
  policy_version: number;
  calendar_version: number;
}

/**
 * The SLA schedule, run by a platform job (ticket-service.ts, never an in-process timer): tickets whose next alert is
 * due, and open tickets computed under an older version of their policy or calendar, are claimed with SKIP LOCKED
 * (ticket row, then its ticket_sla row: the order every writer uses), recomputed at now, and their due warnings and
 * breaches recorded in sla_alerts_sent (its unique key makes each one happen once, even if two replicas race),
 * published through the outbox and audited in the same transaction; then next_alert_at moves to the next threshold.
 */
export class SlaSchedule {
  private readonly batchSize: number;
  private readonly maxBatches: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly teamManagers: (teamId: string) => Promise<string[]>,
    private readonly writeAlert: SlaAlertWriter,
    options: SlaScheduleOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.maxBatches = options.maxBatches ?? 50;
  }

  async run(runId: string, now = new Date()): Promise<SlaScheduleRun> {
    const totals: SlaScheduleRun = { recomputed: 0, warnings: 0, breaches: 0 };
    const managers = new Map<string, Promise<string[]>>();
    const context: RunContext = { actor: systemActor(runId), now, totals, managers };
    const policies: StalePolicy[] = await this.dataSource.query(
      `SELECT p.id, p.version AS policy_version, c.version AS calendar_version
         FROM sla_policies p JOIN business_calendars c ON c.id = p.calendar_id ORDER BY p.id`,
    );
    for (const policy of policies) {
      await this.drain(context, (tx) =>
        tx.query(
          `SELECT s.ticket_id FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id
            WHERE s.policy_id = $1 AND s.is_open AND (s.policy_version < $2 OR s.calendar_version < $3)
            ORDER BY s.ticket_id LIMIT $4 FOR UPDATE OF t, s SKIP LOCKED`,
          [policy.id, policy.policy_version, policy.calendar_version, this.batchSize],
        ),
      );
    }
    await this.drain(context, (tx) =>
      tx.query(
        `SELECT s.ticket_id FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id
          WHERE s.next_alert_at <= $1 ORDER BY s.next_alert_at LIMIT $2 FOR UPDATE OF t, s SKIP LOCKED`,
        [now, this.batchSize],
      ),
    );
    return totals;
  }

  /** Claims and processes batches until one comes back short (or the run's batch budget is spent). */
  private async drain(
    context: RunContext,
    claim: (tx: EntityManager) => Promise<{ ticket_id: string }[]>,
  ): Promise<void> {
    for (let batch = 0; batch < this.maxBatches; batch++) {
      const claimed = await this.dataSource.transaction(async (tx) => {
        const ids = (await claim(tx)).map((r) => r.ticket_id);
        await this.process(tx, ids, context);
        return ids.length;
      });
      if (claimed < this.batchSize) return;
    }
  }

  private async process(tx: EntityManager, ids: string[], context: RunContext): Promise<void> {
    const { actor, now, totals } = context;
    const computed = await computeTicketSlas(tx, ids, now);
    const audits: Parameters<typeof auditEntry>[] = [];
    for (const entry of computed) {
      const sent = [...entry.sent];
      const due = entry.row.isOpen ? dueSlaAlerts(entry.clock, sent, now) : [];
      for (const alert of due) {
        sent.push(alert);
        if (!(await recordAlertSent(tx, entry.ticket.id, alert, now))) continue;
        const escalateTo = alert.escalateToManager ? await this.managersOf(entry.ticket.teamId, context.managers) : [];
        const clock = entry.clock[alert.target];
        const deadline = alert.kind === 'breach' ? alert.crossedAt : (clock.deadline ?? alert.crossedAt);
        await this.writeAlert(tx, actor, { ticket: entry.ticket, alert, deadline, escalateTo });
        if (alert.kind === 'breach') totals.breaches++;
        else totals.warnings++;
        audits.push([
          actor,
          alert.kind === 'breach' ? 'ticket.sla_breached' : 'ticket.sla_warning',
          { type: 'ticket', id: entry.ticket.id },
          [],
          {
            target: alert.target,
            startedAt: alert.startedAt.toISOString(),
            crossedAt: alert.crossedAt.toISOString(),
            deadline: deadline.toISOString(),
            escalatedTo: escalateTo,
          },
        ]);
      }
      entry.row.nextAlertAt = entry.row.isOpen ? nextSlaAlertAt(entry.clock, sent) : null;
    }
    await saveTicketSla(
      tx,
      computed.map((c) => c.row),
    );
    totals.recomputed += computed.length;
    // The audit last: its hash-chain lock is held from the first row to the commit.
    for (const args of audits) await audit(tx, ...args);
  }

  /** The team's managers, asked of the directory once per team and run. */
  private managersOf(teamId: string, cache: Map<string, Promise<string[]>>): Promise<string[]> {
    let managers = cache.get(teamId);
    if (!managers) {
      managers = this.teamManagers(teamId);
      cache.set(teamId, managers);
      managers.catch(() => cache.delete(teamId));
    }
    return managers;
  }
}
