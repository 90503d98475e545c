// Calendar dates ('YYYY-MM-DD') are compared as text, which orders them correctly; luxon checks they exist.
import { DateTime } from 'luxon';
import { InputError } from '@crm/platform/errors';
import type { FieldPath } from './rule-errors';

/** A date written 'YYYY-MM-DD' that exists (no 2026-02-29). */
export function parseCalendarDate(input: unknown, path: FieldPath): string {
  const valid =
    typeof input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input) && DateTime.fromISO(input, { zone: 'utc' }).isValid;
  if (!valid) throw InputError.single(path, 'date', 'must be a calendar date written YYYY-MM-DD');
  return input;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const start = DateTime.fromISO(from, { zone: 'utc' });
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(start, 'days').days);
}

/** The calendar date of an instant in an IANA time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? '';
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? '';
}
