// A contract's payment plan (回款): instalments that never add up to more than the contract value, each with a status
// from its receipts and today's date where the company is; and the receivables summary finance reads.
import { dateIn, daysBetween, parseCalendarDate } from './calendar-date';
import { Exact } from './exact-decimal';
import { addMoney, minorUnits, money, parseMoney, roundMoney, sumMoney, zeroMoney, type Money } from './money';
import { InputError } from '@crm/platform/errors';
import { ViolationCollector } from './rule-errors';

export interface Instalment {
  /** 'YYYY-MM-DD' */
  dueOn: string;
  amount: Money;
}

export const maxInstalments = 120;

/** Checks a whole plan against the contract value; the instalment where the sum passes it is named with the excess. */
export function validateInstalments(input: unknown, contractValue: Money): Instalment[] {
  if (!Array.isArray(input)) throw InputError.single(['instalments'], 'type', 'must be a list');
  if (input.length > maxInstalments) {
    throw InputError.single(['instalments'], 'max_items', `at most ${maxInstalments} instalments`);
  }
  const check = new ViolationCollector();
  const currency = contractValue.currency;
  const instalments = input.map((raw: unknown, index): Instalment => {
    const path = ['instalments', index];
    const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const dueOn = check.read(() => parseCalendarDate(fields.dueOn, [...path, 'dueOn']), '');
    const amount = check.read<Money | null>(() => parseMoney(fields.amount, [...path, 'amount']), null);
    if (amount === null) {
      return { dueOn, amount: zeroMoney(currency) };
    } else if (amount.currency !== currency) {
      check.add([...path, 'amount', 'currency'], 'same_currency', `must be the contract currency ${currency}`);
    } else if (new Exact(amount.amount).isZero()) {
      check.add([...path, 'amount', 'amount'], 'min', 'must be greater than 0');
    } else if (new Exact(amount.amount).decimalPlaces() > minorUnits(currency)) {
      check.add([...path, 'amount', 'amount'], 'minor_units', `at most ${minorUnits(currency)} digits in ${currency}`);
    }
    return { dueOn, amount };
  });
  check.throwIfAny();
  let total = zeroMoney(currency);
  instalments.forEach((instalment, index) => {
    total = addMoney(total, instalment.amount);
    const excess = new Exact(total.amount).minus(contractValue.amount);
    if (excess.gt(0) && check.violations.length === 0) {
      const shown = (value: Exact | string) => `${roundMoney(money(value, currency)).amount} ${currency}`;
      check.add(
        ['instalments', index],
        'within_contract_value',
        `brings the plan to ${shown(total.amount)}, ${shown(excess)} above the contract value ${shown(contractValue.amount)}`,
      );
    }
  });
  check.throwIfAny();
  return instalments;
}

export type InstalmentStatus = 'scheduled' | 'due_soon' | 'partially_paid' | 'paid' | 'overdue';

export interface Receipt {
  amount: Money;
  receivedOn: string;
}

export interface InstalmentState {
  status: InstalmentStatus;
  paid: Money;
  outstanding: Money;
  /** Days past the due date, 0 unless overdue. */
  daysOverdue: number;
}

export interface StatusClock {
  now: Date;
  /** IANA zone whose calendar decides "today" (a payment due today is not late until the day ends there). */
  timeZone: string;
  /** An instalment due within this many days is due soon. */
  dueSoonDays: number;
}

/**
 * Paid once receipts cover it; otherwise overdue after its due day (even when partly paid: money is late), partially
 * paid when some came in, due soon within `dueSoonDays`, else scheduled.
 */
export function instalmentState(instalment: Instalment, receipts: Receipt[], clock: StatusClock): InstalmentState {
  const currency = instalment.amount.currency;
  const paid = sumMoney(
    receipts.map((r) => r.amount),
    currency,
    ['receipts'],
  );
  const left = new Exact(instalment.amount.amount).minus(paid.amount);
  const outstanding = money(left.isNegative() ? '0' : left, currency);
  const daysLate = daysBetween(instalment.dueOn, dateIn(clock.now, clock.timeZone));
  const state = (status: InstalmentStatus, daysOverdue = 0) => ({ status, paid, outstanding, daysOverdue });
  if (!left.gt(0)) return state('paid');
  if (daysLate > 0) return state('overdue', daysLate);
  if (!new Exact(paid.amount).isZero()) return state('partially_paid');
  return state(-daysLate <= clock.dueSoonDays ? 'due_soon' : 'scheduled');
}

export interface ReceivablesSummary {
  /** Outstanding on instalments not yet late. */
  due: Money;
  overdue: Money;
  /** Overdue amounts by days late: 1–30, 31–60, 61–90, over 90. */
  overdueByAge: { days0to30: Money; days31to60: Money; days61to90: Money; over90: Money };
}

/** The receivables of one currency (finance reads one summary per currency). */
export function receivablesSummary(
  items: { instalment: Instalment; receipts: Receipt[] }[],
  currency: string,
  clock: StatusClock,
): ReceivablesSummary {
  const zero = zeroMoney(currency);
  const summary: ReceivablesSummary = {
    due: zero,
    overdue: zero,
    overdueByAge: { days0to30: zero, days31to60: zero, days61to90: zero, over90: zero },
  };
  items.forEach(({ instalment, receipts }, index) => {
    const state = instalmentState(instalment, receipts, clock);
    const path = [index, 'instalment', 'amount', 'currency'];
    if (state.status !== 'overdue') {
      summary.due = addMoney(summary.due, state.outstanding, path);
      return;
    }
    summary.overdue = addMoney(summary.overdue, state.outstanding, path);
    const bucket =
      state.daysOverdue <= 30
        ? 'days0to30'
        : state.daysOverdue <= 60
          ? 'days31to60'
          : state.daysOverdue <= 90
            ? 'days61to90'
            : 'over90';
    summary.overdueByAge[bucket] = addMoney(summary.overdueByAge[bucket], state.outstanding, path);
  });
  return summary;
}
