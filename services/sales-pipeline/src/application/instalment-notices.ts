import type { DataSource, EntityManager } from 'typeorm';
import { systemActor } from '@crm/platform/auth';
import { instalmentById } from '../db/payment-plan-rows';
import { addDays, dateIn, daysBetween } from '../domain/calendar-date';
import { recordEvent } from '../events/sales-events';
import { stateOf, type InstalmentCalendar } from './instalment-status';

const batchSize = 200;

/**
 * The due and overdue notices of instalments (crm.sales.instalment.due / .overdue), run by a platform job. Each goes
 * out once per instalment (and due date): the column that says so is set in the transaction that writes the outbox
 * row, on a row claimed with SKIP LOCKED, so neither a second replica nor a rerun sends it again.
 */
export class InstalmentNotices {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: InstalmentCalendar,
  ) {}

  async run(runId: string, now = new Date()): Promise<{ due: number; overdue: number }> {
    const today = dateIn(now, this.calendar.timeZone);
    const due = await this.send(
      runId,
      now,
      `due_notice_sent_at IS NULL AND due_on BETWEEN $1::date AND $2::date`,
      [today, addDays(today, this.calendar.dueNoticeDays)],
      'due',
    );
    const overdue = await this.send(
      runId,
      now,
      `overdue_notice_sent_at IS NULL AND due_on < $1::date`,
      [today],
      'overdue',
    );
    return { due, overdue };
  }

  private async send(
    runId: string,
    now: Date,
    condition: string,
    params: unknown[],
    notice: 'due' | 'overdue',
  ): Promise<number> {
    let sent = 0;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (tx) => {
        const rows: { id: string }[] = await tx.query(
          `SELECT id FROM instalments WHERE status <> 'paid' AND ${condition}
            ORDER BY due_on, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`,
          params,
        );
        for (const { id } of rows) sent += (await this.notify(tx, runId, now, id, notice)) ? 1 : 0;
        return rows.length;
      });
      if (claimed < batchSize) return sent;
    }
  }

  /** One notice, or none when the instalment turned out paid (its stored status is then brought up to date). */
  private async notify(
    tx: EntityManager,
    runId: string,
    now: Date,
    id: string,
    notice: 'due' | 'overdue',
  ): Promise<boolean> {
    const row = (await instalmentById(tx, id))!;
    const state = stateOf(row, this.calendar, now);
    const column = notice === 'due' ? 'due_notice_sent_at' : 'overdue_notice_sent_at';
    const send = state.status !== 'paid';
    await tx.query(
      `UPDATE instalments SET status = $2, ${send ? `${column} = $3,` : ''} updated_at = $3 WHERE id = $1`,
      [id, state.status, now],
    );
    if (!send) return false;
    const [{ ownerId }]: { ownerId: string }[] = await tx.query(
      `SELECT owner_id AS "ownerId" FROM contracts WHERE id = $1`,
      [row.contractId],
    );
    const actor = systemActor(runId);
    // The due notice is the instalment's first event, the overdue notice its second.
    const aggregate = { type: 'instalment' as const, id, version: notice === 'due' ? 1 : 2 };
    const body = {
      instalmentId: id,
      contractId: row.contractId,
      ownerId,
      dueOn: row.dueOn,
      outstanding: { amount: state.outstanding.amount, currencyCode: state.outstanding.currency },
    };
    if (notice === 'due') {
      const daysBefore = daysBetween(dateIn(now, this.calendar.timeZone), row.dueOn);
      await recordEvent(tx, 'instalmentDue', actor, aggregate, { ...body, daysBefore });
    } else {
      await recordEvent(tx, 'instalmentOverdue', actor, aggregate, body);
    }
    return true;
  }
}
