import { periodStart } from './period-start';

describe('periodStart', () => {
  it('finds the month, quarter and year holding a day, and the periods before and after', () => {
    expect(periodStart('MONTH', '2026-11-30')).toBe('2026-11-01');
    expect(periodStart('QUARTER', '2026-11-30')).toBe('2026-10-01');
    expect(periodStart('QUARTER', '2026-11-30', 1)).toBe('2027-01-01');
    expect(periodStart('QUARTER', '2026-02-03', -1)).toBe('2025-10-01');
    expect(periodStart('YEAR', '2026-11-30', -1)).toBe('2025-01-01');
  });
});
