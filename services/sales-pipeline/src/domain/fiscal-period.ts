// Forecast and quota periods as calendar dates, in a fiscal year that may start in any month. A fiscal year is named
// after the calendar year it ends in (a year starting 2026-04-01 is FY2027), as most finance teams name it.
import { DateTime } from 'luxon';
import { InputError } from '@crm/platform/errors';

export const periodKinds = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface Period {
  kind: PeriodKind;
  /** First day, 'YYYY-MM-DD'. */
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** 'FY2027', 'FY2027-Q2' or '2026-07'. */
  label: string;
}

function day(value: DateTime): string {
  return value.toISODate() ?? '';
}

/** The month, fiscal quarter or fiscal year holding `date`. */
export function periodOf(date: string, kind: PeriodKind, fiscalYearStartMonth = 1): Period {
  if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
    throw InputError.single(['fiscalYearStartMonth'], 'month', 'must be a month number from 1 to 12');
  }
  const d = DateTime.fromISO(date, { zone: 'utc' });
  if (!d.isValid) throw InputError.single(['date'], 'date', 'must be a calendar date written YYYY-MM-DD');
  if (kind === 'month') {
    const start = d.startOf('month');
    return { kind, start: day(start), end: day(start.endOf('month')), label: start.toFormat('yyyy-MM') };
  }
  const monthsIntoYear = (d.month - fiscalYearStartMonth + 12) % 12;
  const yearStart = d.startOf('month').minus({ months: monthsIntoYear });
  const fiscalYear = `FY${yearStart.plus({ years: 1 }).minus({ days: 1 }).year}`;
  if (kind === 'year') {
    return {
      kind,
      start: day(yearStart),
      end: day(yearStart.plus({ years: 1 }).minus({ days: 1 })),
      label: fiscalYear,
    };
  }
  const quarter = Math.floor(monthsIntoYear / 3);
  const start = yearStart.plus({ months: quarter * 3 });
  return {
    kind,
    start: day(start),
    end: day(start.plus({ months: 3 }).minus({ days: 1 })),
    label: `${fiscalYear}-Q${quarter + 1}`,
  };
}

export function inPeriod(period: Period, date: string | null): boolean {
  return date !== null && date >= period.start && date <= period.end;
}
