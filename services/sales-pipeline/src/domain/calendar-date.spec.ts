import { addDays, dateIn, daysBetween, parseCalendarDate } from './calendar-date';
import { InputError } from '@crm/platform/errors';

describe('calendar dates', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31'])('accepts %s', (date) => {
    expect(parseCalendarDate(date, ['dueOn'])).toBe(date);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-5', '2026-01-05T00:00:00Z', 20260105])('refuses %s', (date) => {
    expect(() => parseCalendarDate(date, ['dueOn'])).toThrow(InputError);
  });

  it('counts days across a month end and a leap day', () => {
    expect(daysBetween('2024-02-27', '2024-03-01')).toBe(3);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('reads the date of an instant in a time zone: 2026-03-31T17:00Z is already April 1 in Shanghai', () => {
    expect(dateIn(new Date('2026-03-31T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-04-01');
    expect(dateIn(new Date('2026-03-31T17:00:00Z'), 'America/New_York')).toBe('2026-03-31');
  });
});
