import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import type { InstalmentRow } from '../db/payment-plan-rows';
import { dateIn, parseCalendarDate } from '../domain/calendar-date';
import { convert, type ExchangeRate } from '../domain/exchange-rates';
import { addMoney, roundMoney, zeroMoney, type Money } from '../domain/money';
import { receivablesSummary, type ReceivablesSummary } from '../domain/payment-plan';
import { viewOf, type InstalmentCalendar, type InstalmentView } from './instalment-status';

export interface ReceivablesFilter {
  currency?: string | null;
  accountId?: string | null;
  ownerId?: string | null;
}

/** One instalment with money outstanding on `asOf`, in its contract's currency and in the company currency. */
export interface ReceivableLine {
  instalment: InstalmentView;
  accountId: string;
  ownerId: string;
  outstandingInCompanyCurrency: Money;
}

export interface CurrencyReceivables {
  currency: string;
  summary: ReceivablesSummary;
  /** The same figures converted at the rate effective on `asOf` (rounded per bucket). */
  inCompanyCurrency: ReceivablesSummary;
  rate: string;
  rateEffectiveOn: string | null;
}

export interface ReceivablesReport {
  asOf: string;
  companyCurrency: string;
  byCurrency: CurrencyReceivables[];
  total: ReceivablesSummary;
  /** Due date, then id: oldest debts first. */
  lines: ReceivableLine[];
}

/** Receivables on a date: every instalment not fully paid by then (receipts after it do not count), aged. */
export class Receivables {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: InstalmentCalendar,
    private readonly companyCurrency: string,
  ) {}

  async report(
    asOfInput: string | null | undefined,
    filter: ReceivablesFilter,
    actor: Actor,
  ): Promise<ReceivablesReport> {
    const asOf = asOfInput ? parseCalendarDate(asOfInput, ['asOf']) : dateIn(new Date(), this.calendar.timeZone);
    const params: unknown[] = [asOf];
    const where = ['true'];
    if (filter.currency) {
      params.push(filter.currency.trim().toUpperCase());
      where.push(`i.currency = $${params.length}`);
    }
    for (const [key, column] of [
      ['accountId', 'account_id'],
      ['ownerId', 'owner_id'],
    ] as const) {
      const value = filter[key];
      if (!value) continue;
      if (!isUuid(value)) throw InputError.single(['filter', key], 'uuid', 'must be a UUID');
      params.push(value);
      where.push(`c.${column} = $${params.length}::uuid`);
    }
    const rows: (InstalmentRow & { accountId: string; ownerId: string })[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT i.id, i.contract_id AS "contractId", i.sequence, to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn",
           i.amount::text AS amount, i.currency, i.status, c.account_id AS "accountId", c.owner_id AS "ownerId",
           (SELECT coalesce(sum(p.amount), 0) FROM payments p
             WHERE p.instalment_id = i.id AND p.received_on <= $1::date)::text AS paid,
           i.due_notice_sent_at AS "dueNoticeSentAt", i.overdue_notice_sent_at AS "overdueNoticeSentAt"
         FROM instalments i JOIN contracts c ON c.id = i.contract_id
         WHERE ${where.join(' AND ')} AND c.status <> 'terminated') r
       WHERE r.paid::numeric < r.amount::numeric ORDER BY r."dueOn", r.id`,
      params,
    );
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    const rates: ExchangeRate[] = await this.dataSource.query(
      `SELECT currency, company_currency AS "companyCurrency", rate::text AS rate,
         to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn"
       FROM exchange_rates WHERE company_currency = $1 AND currency = ANY($2) AND effective_on <= $3::date`,
      [this.companyCurrency, currencies, asOf],
    );
    // Noon of `asOf` where the company is: the instant whose local date is asOf, whatever the zone's offset.
    const now = DateTime.fromISO(asOf, { zone: this.calendar.timeZone }).plus({ hours: 12 }).toJSDate();
    const toCompany = (m: Money) => convert(m, rates, this.companyCurrency, asOf);
    const lines = rows.map(({ accountId, ownerId, ...instalment }) => {
      const view = viewOf(instalment, this.calendar, now);
      const outstanding = { amount: view.outstanding, currency: view.currency };
      return { instalment: view, accountId, ownerId, outstandingInCompanyCurrency: toCompany(outstanding).converted };
    });
    const clock = { now, timeZone: this.calendar.timeZone, dueSoonDays: this.calendar.dueNoticeDays };
    let total = emptySummary(this.companyCurrency);
    const byCurrency = currencies.map((currency): CurrencyReceivables => {
      const items = lines
        .filter((l) => l.instalment.currency === currency)
        .map((l) => ({
          instalment: { dueOn: l.instalment.dueOn, amount: { amount: l.instalment.amount, currency } },
          receipts: [{ amount: { amount: l.instalment.paid, currency }, receivedOn: asOf }],
        }));
      const summary = receivablesSummary(items, currency, clock);
      const applied = toCompany(summary.due);
      const inCompanyCurrency = mapSummary(summary, (m) => toCompany(m).converted);
      total = addSummaries(total, inCompanyCurrency);
      return { currency, summary, inCompanyCurrency, rate: applied.rate, rateEffectiveOn: applied.rateEffectiveOn };
    });
    await this.dataSource.transaction((tx) =>
      audit(tx, actor, 'receivables.read', { type: 'receivables', id: asOf }, [], {
        filter,
        instalments: lines.length,
      }),
    );
    // Shown to the company currency's minor unit, like each converted figure it adds up.
    return { asOf, companyCurrency: this.companyCurrency, byCurrency, total: mapSummary(total, roundMoney), lines };
  }
}

function emptySummary(currency: string): ReceivablesSummary {
  const zero = zeroMoney(currency);
  return {
    due: zero,
    overdue: zero,
    overdueByAge: { days0to30: zero, days31to60: zero, days61to90: zero, over90: zero },
  };
}

function mapSummary(s: ReceivablesSummary, f: (m: Money) => Money): ReceivablesSummary {
  return {
    due: f(s.due),
    overdue: f(s.overdue),
    overdueByAge: {
      days0to30: f(s.overdueByAge.days0to30),
      days31to60: f(s.overdueByAge.days31to60),
      days61to90: f(s.overdueByAge.days61to90),
      over90: f(s.overdueByAge.over90),
    },
  };
}

function addSummaries(a: ReceivablesSummary, b: ReceivablesSummary): ReceivablesSummary {
  return {
    due: addMoney(a.due, b.due),
    overdue: addMoney(a.overdue, b.overdue),
    overdueByAge: {
      days0to30: addMoney(a.overdueByAge.days0to30, b.overdueByAge.days0to30),
      days31to60: addMoney(a.overdueByAge.days31to60, b.overdueByAge.days31to60),
      days61to90: addMoney(a.overdueByAge.days61to90, b.overdueByAge.days61to90),
      over90: addMoney(a.overdueByAge.over90, b.overdueByAge.over90),
    },
  };
}
