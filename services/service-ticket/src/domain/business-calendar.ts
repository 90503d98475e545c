// Business-hours calendars: weekly hours in an IANA time zone, holidays, one-off closures and make-up working days
// (调休). Local wall times become instants through luxon only, so DST days keep their local hours.
import { DateTime, IANAZone } from 'luxon';
import { InputError, PreconditionError, type FieldViolation } from '@crm/platform/errors';

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

/** Local wall-clock hours 'HH:mm'; `end` may be '24:00' (the next midnight). */
export interface OpeningHours {
  start: string;
  end: string;
}

/** A date that works although it is a weekend or normally closed (调休), with its own hours. */
export interface MakeUpWorkingDay {
  date: string;
  hours: OpeningHours[];
}

/** An instant range closed for business (an outage, a company event). */
export interface OneOffClosure {
  start: Date;
  end: Date;
}

export interface BusinessCalendar {
  timeZone: string;
  weeklyHours: Record<Weekday, OpeningHours[]>;
  /** Dates ('YYYY-MM-DD', local to the calendar) closed all day. */
  holidays: string[];
  closures: OneOffClosure[];
  makeUpDays: MakeUpWorkingDay[];
}

export interface InstantInterval {
  start: Date;
  end: Date;
}

const wallTimePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMillis = 24 * 60 * 60 * 1000;
/** addBusinessMillis gives up after this long without enough business time (a calendar with no open hours). */
const searchHorizonDays = 3 * 366;

function minutesOfWallTime(value: string, allowMidnightEnd: boolean): number | null {
  if (allowMidnightEnd && value === '24:00') return 24 * 60;
  const match = wallTimePattern.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function isCalendarDate(value: string): boolean {
  return datePattern.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

function checkHours(hours: OpeningHours[], path: (string | number)[], violations: FieldViolation[]): void {
  let previousEnd = -1;
  hours.forEach((range, index) => {
    const start = minutesOfWallTime(range.start, false);
    const end = minutesOfWallTime(range.end, true);
    if (start === null)
      violations.push({ path: [...path, index, 'start'], rule: 'wallTime', message: 'must be HH:mm' });
    if (end === null)
      violations.push({ path: [...path, index, 'end'], rule: 'wallTime', message: 'must be HH:mm (24:00 allowed)' });
    if (start === null || end === null) return;
    if (end <= start)
      violations.push({ path: [...path, index, 'end'], rule: 'afterStart', message: 'must be later than start' });
    else if (start < previousEnd)
      violations.push({
        path: [...path, index, 'start'],
        rule: 'ordered',
        message: 'must not be earlier than the end of the previous interval',
      });
    previousEnd = Math.max(previousEnd, end);
  });
}

/** Checks every field and names each bad one (`weeklyHours.monday[1].end`, `holidays[3]`); returns a sorted copy. */
export function validateBusinessCalendar(calendar: BusinessCalendar): BusinessCalendar {
  const violations: FieldViolation[] = [];
  if (!IANAZone.isValidZone(calendar.timeZone))
    violations.push({ path: ['timeZone'], rule: 'ianaTimeZone', message: 'must be an IANA time zone' });
  for (const day of weekdays) checkHours(calendar.weeklyHours[day] ?? [], ['weeklyHours', day], violations);
  const holidays = new Set<string>();
  calendar.holidays.forEach((date, index) => {
    if (!isCalendarDate(date))
      violations.push({ path: ['holidays', index], rule: 'date', message: 'must be a date written YYYY-MM-DD' });
    else if (holidays.has(date))
      violations.push({ path: ['holidays', index], rule: 'unique', message: 'is listed twice' });
    holidays.add(date);
  });
  const makeUpDates = new Set<string>();
  calendar.makeUpDays.forEach((day, index) => {
    const path = ['makeUpDays', index];
    if (!isCalendarDate(day.date))
      violations.push({ path: [...path, 'date'], rule: 'date', message: 'must be a date written YYYY-MM-DD' });
    else if (holidays.has(day.date))
      violations.push({ path: [...path, 'date'], rule: 'notHoliday', message: 'is also a holiday' });
    else if (makeUpDates.has(day.date))
      violations.push({ path: [...path, 'date'], rule: 'unique', message: 'is listed twice' });
    makeUpDates.add(day.date);
    if (day.hours.length === 0)
      violations.push({ path: [...path, 'hours'], rule: 'required', message: 'a make-up day needs working hours' });
    checkHours(day.hours, [...path, 'hours'], violations);
  });
  calendar.closures.forEach((closure, index) => {
    const start = closure.start.getTime();
    const end = closure.end.getTime();
    if (Number.isNaN(start))
      violations.push({ path: ['closures', index, 'start'], rule: 'instant', message: 'must be a valid instant' });
    if (Number.isNaN(end))
      violations.push({ path: ['closures', index, 'end'], rule: 'instant', message: 'must be a valid instant' });
    else if (!Number.isNaN(start) && end <= start)
      violations.push({ path: ['closures', index, 'end'], rule: 'afterStart', message: 'must be later than start' });
  });
  if (violations.length) throw new InputError(violations);
  return {
    ...calendar,
    holidays: [...calendar.holidays].sort(),
    makeUpDays: [...calendar.makeUpDays].sort((a, b) => a.date.localeCompare(b.date)),
    closures: [...calendar.closures].sort((a, b) => a.start.getTime() - b.start.getTime()),
  };
}

function hoursOn(calendar: BusinessCalendar, date: DateTime): OpeningHours[] {
  const iso = date.toISODate() ?? '';
  const makeUp = calendar.makeUpDays.find((day) => day.date === iso);
  if (makeUp) return makeUp.hours;
  if (calendar.holidays.includes(iso)) return [];
  return calendar.weeklyHours[weekdays[date.weekday - 1]] ?? [];
}

function wallTimeOn(date: DateTime, wallTime: string): DateTime {
  if (wallTime === '24:00') return date.plus({ days: 1 }).startOf('day');
  const minutes = minutesOfWallTime(wallTime, false) ?? 0;
  return date.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
}

function subtractClosures(intervals: InstantInterval[], closures: OneOffClosure[]): InstantInterval[] {
  let remaining = intervals;
  for (const closure of closures) {
    remaining = remaining.flatMap((interval) => {
      if (closure.end <= interval.start || closure.start >= interval.end) return [interval];
      const parts: InstantInterval[] = [];
      if (closure.start > interval.start) parts.push({ start: interval.start, end: closure.start });
      if (closure.end < interval.end) parts.push({ start: closure.end, end: interval.end });
      return parts;
    });
  }
  return remaining;
}

/** The business-time intervals (UTC instants, sorted, merged where they touch) between `from` and `to`. */
export function workingIntervals(calendar: BusinessCalendar, from: Date, to: Date): InstantInterval[] {
  if (to <= from) return [];
  const intervals: InstantInterval[] = [];
  const last = DateTime.fromJSDate(to, { zone: calendar.timeZone }).startOf('day');
  // Start a day early: an interval ending at '24:00' the day before may reach into `from`.
  for (
    let day = DateTime.fromJSDate(from, { zone: calendar.timeZone }).startOf('day').minus({ days: 1 });
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    for (const range of hoursOn(calendar, day)) {
      const start = new Date(Math.max(wallTimeOn(day, range.start).toMillis(), from.getTime()));
      const end = new Date(Math.min(wallTimeOn(day, range.end).toMillis(), to.getTime()));
      if (end > start) intervals.push({ start, end });
    }
  }
  const merged: InstantInterval[] = [];
  for (const interval of subtractClosures(intervals, calendar.closures)) {
    const previous = merged[merged.length - 1];
    if (previous && previous.end.getTime() >= interval.start.getTime()) {
      if (interval.end > previous.end) previous.end = interval.end;
    } else merged.push({ ...interval });
  }
  return merged;
}

/** Business time between two instants; 0 when `to` is not after `from`. */
export function businessMillisBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return workingIntervals(calendar, from, to).reduce((sum, i) => sum + i.end.getTime() - i.start.getTime(), 0);
}

/** The instant when `millis` of business time have elapsed since `start` (an exact end lands on a closing time). */
export function addBusinessMillis(calendar: BusinessCalendar, start: Date, millis: number): Date {
  if (millis <= 0) return start;
  let remaining = millis;
  let windowStart = start;
  for (let searched = 0; searched < searchHorizonDays; searched += 14) {
    const windowEnd = new Date(windowStart.getTime() + 14 * dayMillis);
    for (const interval of workingIntervals(calendar, windowStart, windowEnd)) {
      const length = interval.end.getTime() - interval.start.getTime();
      if (length >= remaining) return new Date(interval.start.getTime() + remaining);
      remaining -= length;
    }
    windowStart = windowEnd;
  }
  throw new PreconditionError('calendar: has no business hours within three years', {
    path: ['calendar'],
    rule: 'hasBusinessHours',
  });
}
