import { inPeriod, periodOf, type PeriodKind } from './fiscal-period';
import { InputError } from '@crm/platform/errors';

describe('fiscal periods', () => {
  it.each<[string, PeriodKind, number, string, string, string]>([
    ['2026-02-15', 'month', 1, '2026-02-01', '2026-02-28', '2026-02'],
    ['2024-02-29', 'month', 4, '2024-02-01', '2024-02-29', '2024-02'],
    ['2026-05-20', 'quarter', 1, '2026-04-01', '2026-06-30', 'FY2026-Q2'],
    ['2026-12-31', 'quarter', 1, '2026-10-01', '2026-12-31', 'FY2026-Q4'],
    ['2026-12-31', 'year', 1, '2026-01-01', '2026-12-31', 'FY2026'],
    // fiscal year from April: 2026-04-01..2027-03-31 is FY2027
    ['2026-04-01', 'quarter', 4, '2026-04-01', '2026-06-30', 'FY2027-Q1'],
    ['2027-02-10', 'quarter', 4, '2027-01-01', '2027-03-31', 'FY2027-Q4'],
    ['2026-03-31', 'year', 4, '2025-04-01', '2026-03-31', 'FY2026'],
    ['2026-04-01', 'year', 4, '2026-04-01', '2027-03-31', 'FY2027'],
    // fiscal year from February: Q4 runs Nov..Jan, across the calendar year end
    ['2027-01-31', 'quarter', 2, '2026-11-01', '2027-01-31', 'FY2027-Q4'],
    ['2026-10-31', 'year', 11, '2025-11-01', '2026-10-31', 'FY2026'],
  ])('%s, %s, fiscal year from month %i: %s..%s %s', (date, kind, start, from, to, label) => {
    expect(periodOf(date, kind, start)).toEqual({ kind, start: from, end: to, label });
  });

  it('refuses a fiscal start month outside 1..12 and a date that does not exist', () => {
    expect(() => periodOf('2026-01-01', 'year', 13)).toThrow(InputError);
    expect(() => periodOf('2026-02-30', 'month', 1)).toThrow(InputError);
  });

  it('holds both of its bounding days and nothing outside', () => {
    const q = periodOf('2026-05-20', 'quarter', 1);
    expect([q.start, q.end, '2026-03-31', '2026-07-01', null].map((d) => inPeriod(q, d))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
