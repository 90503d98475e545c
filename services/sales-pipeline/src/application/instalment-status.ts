import type { EntityManager } from 'typeorm';
import { instalmentById, type InstalmentRow } from '../db/payment-plan-rows';
import { instalmentState, type InstalmentState } from '../domain/payment-plan';

/** Where "today" is for instalments (SALES_TIME_ZONE) and how many days ahead one counts as due soon. */
export interface InstalmentCalendar {
  timeZone: string;
  /** INSTALMENT_DUE_NOTICE_DAYS: the due notice goes out, and the status turns due_soon, this many days ahead. */
  dueNoticeDays: number;
}

/** The instalment's state at `now` from what was paid on it (domain/payment-plan.ts decides). */
export function stateOf(row: InstalmentRow, calendar: InstalmentCalendar, now = new Date()): InstalmentState {
  return instalmentState(
    { dueOn: row.dueOn, amount: { amount: row.amount, currency: row.currency } },
    [{ amount: { amount: row.paid, currency: row.currency }, receivedOn: row.dueOn }],
    { now, timeZone: calendar.timeZone, dueSoonDays: calendar.dueNoticeDays },
  );
}

/** An instalment as readers see it: its status, paid and outstanding amounts as of a moment (not as stored). */
export interface InstalmentView extends InstalmentRow {
  outstanding: string;
  daysOverdue: number;
}

export function viewOf(row: InstalmentRow, calendar: InstalmentCalendar, now = new Date()): InstalmentView {
  const state = stateOf(row, calendar, now);
  return {
    ...row,
    status: state.status,
    paid: state.paid.amount,
    outstanding: state.outstanding.amount,
    daysOverdue: state.daysOverdue,
  };
}

/** Stores the instalment's current status after a payment or a notice (in the writer's transaction). */
export async function refreshInstalmentStatus(
  tx: EntityManager,
  instalmentId: string,
  calendar: InstalmentCalendar,
): Promise<InstalmentState | null> {
  const row = await instalmentById(tx, instalmentId);
  if (!row) return null;
  const state = stateOf(row, calendar);
  await tx.query(`UPDATE instalments SET status = $2, updated_at = now() WHERE id = $1 AND status <> $2`, [
    instalmentId,
    state.status,
  ]);
  return state;
}
