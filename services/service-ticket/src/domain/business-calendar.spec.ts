import {
  addBusinessMillis,
  businessMillisBetween,
  validateBusinessCalendar,
  workingIntervals,
  type BusinessCalendar,
} from './business-calendar';
import {
  berlin,
  chinaDay,
  closed,
  everyDay,
  newYork,
  newYorkAroundTheClock,
  newYorkEveryDay,
  shanghai,
  weekdaysOnly,
} from './calendar-fixtures';
import { refusedFields } from './refused-fields';

const hour = 3_600_000;

describe('business calendar', () => {
  describe('businessMillisBetween', () => {
    it.each<[string, BusinessCalendar, string, string, number]>([
      // Mon 09:00–18:00 local = 01:00Z–10:00Z: 3 h morning + 4.5 h afternoon.
      ['a full Shanghai day', shanghai, '2026-09-14T01:00:00Z', '2026-09-14T10:00:00Z', 7.5],
      // Mon 11:00–14:00 local: 11–12 (1 h) + 13:30–14 (0.5 h), the lunch break does not count.
      ['across the lunch break', shanghai, '2026-09-14T03:00:00Z', '2026-09-14T06:00:00Z', 1.5],
      // Mon 07:00–09:30 local: only 09:00–09:30 counts.
      ['from before opening', shanghai, '2026-09-13T23:00:00Z', '2026-09-14T01:30:00Z', 0.5],
      // Sat 2026-09-19, a plain weekend day.
      ['a plain Saturday', shanghai, '2026-09-18T16:00:00Z', '2026-09-19T16:00:00Z', 0],
      // Fri 17:00 → Mon 10:00: Fri 1 h, Sat closed, Sun Sep 20 make-up 7.5 h, Mon 1 h.
      ['over a weekend with a make-up Sunday', shanghai, '2026-09-18T09:00:00Z', '2026-09-21T02:00:00Z', 9.5],
      // Wed Sep 30 09:00 → Fri Oct 9 09:00: Sep 30 7.5 h, Oct 1–7 holidays, Thu Oct 8 7.5 h.
      ['over the National Day week', shanghai, '2026-09-30T01:00:00Z', '2026-10-09T01:00:00Z', 15],
      // Fri Oct 9 18:00 → Mon Oct 12 09:00: only the make-up Saturday Oct 10 works (7.5 h).
      ['over a make-up Saturday', shanghai, '2026-10-09T10:00:00Z', '2026-10-12T01:00:00Z', 7.5],
      // Wed 2026-06-10 08:00–16:00 CEST minus the 10:00–12:00 closure.
      ['a day with a closure in the middle', berlin, '2026-06-10T06:00:00Z', '2026-06-10T14:00:00Z', 6],
      // Wed Dec 23 15:00 CET → Mon Dec 28 09:00: Wed 1 h, Thu/Fri holidays, weekend, Mon 1 h.
      ['over Christmas', berlin, '2026-12-23T14:00:00Z', '2026-12-28T08:00:00Z', 2],
      // Fri Mar 27 15:00 CET → Mon Mar 30 09:00 CEST: Fri 1 h + Mon 1 h though the clocks moved on Sunday.
      ['over the Berlin spring-forward weekend', berlin, '2026-03-27T14:00:00Z', '2026-03-30T07:00:00Z', 2],
      // Sun 2026-03-08 (spring forward) midnight EST → next midnight EDT: the 09:00–17:00 day is still 8 h.
      ['the New York spring-forward day', newYorkEveryDay, '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 8],
      // Sun 2026-11-01 (fall back) midnight EDT → next midnight EST: still 8 h.
      ['the New York fall-back day', newYorkEveryDay, '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 8],
      // Open around the clock, the spring-forward day has 23 hours and the fall-back day 25.
      ['a 23-hour day', newYorkAroundTheClock, '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23],
      ['a 25-hour day', newYorkAroundTheClock, '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25],
      // Backwards: no business time.
      ['a reversed range', shanghai, '2026-09-14T10:00:00Z', '2026-09-14T01:00:00Z', 0],
    ])('%s', (_case, calendar, from, to, hours) => {
      expect(businessMillisBetween(calendar, new Date(from), new Date(to))).toBe(hours * hour);
    });
  });

  describe('addBusinessMillis', () => {
    it.each<[string, BusinessCalendar, string, number, string]>([
      // Created Sat Sep 12 22:00 local: the clock starts Mon Sep 14 09:00, +1 h = 10:00 local = 02:00Z.
      ['created outside business hours', shanghai, '2026-09-12T14:00:00Z', 1, '2026-09-14T02:00:00Z'],
      // Mon 11:30 + 1 h: 0.5 h before lunch, 0.5 h after 13:30 → 14:00 local = 06:00Z.
      ['across the lunch break', shanghai, '2026-09-14T03:30:00Z', 1, '2026-09-14T06:00:00Z'],
      // Mon 17:00 + 1 h ends exactly at closing, 18:00 local, not at the next opening.
      ['ending exactly at closing time', shanghai, '2026-09-14T09:00:00Z', 1, '2026-09-14T10:00:00Z'],
      // Mon 17:00 + 2 h: 1 h Monday, Tue 09:00 + 1 h = 10:00 local.
      ['into the next day', shanghai, '2026-09-14T09:00:00Z', 2, '2026-09-15T02:00:00Z'],
      // Tue Sep 29 09:00 + 16 h: Sep 29 7.5 h, Sep 30 7.5 h, holidays, Thu Oct 8 09:00 + 1 h.
      ['a target spanning the holiday week', shanghai, '2026-09-29T01:00:00Z', 16, '2026-10-08T02:00:00Z'],
      // Fri Oct 9 17:00 + 2 h: 1 h Friday, make-up Sat Oct 10 09:00 + 1 h.
      ['into a make-up Saturday', shanghai, '2026-10-09T09:00:00Z', 2, '2026-10-10T02:00:00Z'],
      // Fri Sep 18 17:00 + 2 h: 1 h Friday, make-up Sun Sep 20 09:00 + 1 h.
      ['into a make-up Sunday', shanghai, '2026-09-18T09:00:00Z', 2, '2026-09-20T02:00:00Z'],
      // Wed 2026-06-10 09:00 CEST + 2 h: 09–10, closed 10–12, 12–13 → 13:00 CEST = 11:00Z.
      ['around a closure', berlin, '2026-06-10T07:00:00Z', 2, '2026-06-10T11:00:00Z'],
      // Fri Mar 27 15:00 CET + 2 h: 1 h Friday, Mon Mar 30 08:00 CEST + 1 h = 09:00 CEST = 07:00Z.
      ['over the Berlin DST weekend', berlin, '2026-03-27T14:00:00Z', 2, '2026-03-30T07:00:00Z'],
      // Wed Dec 23 15:00 CET + 2 h: 1 h Wednesday, Mon Dec 28 08:00 + 1 h = 09:00 CET = 08:00Z.
      ['over Christmas', berlin, '2026-12-23T14:00:00Z', 2, '2026-12-28T08:00:00Z'],
      // Sat Mar 7 16:00 EST + 2 h: 1 h Saturday, Sun Mar 8 09:00 EDT + 1 h = 10:00 EDT = 14:00Z.
      ['onto the spring-forward day', newYorkEveryDay, '2026-03-07T21:00:00Z', 2, '2026-03-08T14:00:00Z'],
      // Fri Oct 30 16:00 EDT + 2 h: 1 h Friday, Mon Nov 2 09:00 EST + 1 h = 10:00 EST = 15:00Z.
      ['over the fall-back weekend', newYork, '2026-10-30T20:00:00Z', 2, '2026-11-02T15:00:00Z'],
      // Sun Nov 1 09:00 EST + 8 h = 17:00 EST = 22:00Z (fall-back day, 8 business hours).
      ['a whole fall-back day', newYorkEveryDay, '2026-11-01T14:00:00Z', 8, '2026-11-01T22:00:00Z'],
      // Nothing to add: the start itself, even outside business hours.
      ['zero', shanghai, '2026-09-12T14:00:00Z', 0, '2026-09-12T14:00:00Z'],
    ])('%s', (_case, calendar, start, hours, expected) => {
      expect(addBusinessMillis(calendar, new Date(start), hours * hour).toISOString()).toBe(
        new Date(expected).toISOString(),
      );
    });

    it('gives up on a calendar with no business hours at all', () => {
      expect(() => addBusinessMillis(weekdaysOnly('UTC', closed), new Date('2026-01-01T00:00:00Z'), hour)).toThrow(
        'calendar: has no business hours',
      );
    });
  });

  describe('workingIntervals', () => {
    it('returns a Shanghai Monday as two UTC intervals, split by lunch', () => {
      const intervals = workingIntervals(shanghai, new Date('2026-09-13T16:00:00Z'), new Date('2026-09-14T16:00:00Z'));
      expect(intervals.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
        ['2026-09-14T01:00:00.000Z', '2026-09-14T04:00:00.000Z'],
        ['2026-09-14T05:30:00.000Z', '2026-09-14T10:00:00.000Z'],
      ]);
    });

    it('merges a night shift that runs through midnight (22:00–24:00 then 00:00–02:00)', () => {
      const night = everyDay('UTC', [
        { start: '00:00', end: '02:00' },
        { start: '22:00', end: '24:00' },
      ]);
      const intervals = workingIntervals(night, new Date('2026-05-04T20:00:00Z'), new Date('2026-05-05T04:00:00Z'));
      expect(intervals.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
        ['2026-05-04T22:00:00.000Z', '2026-05-05T02:00:00.000Z'],
      ]);
    });
  });

  describe('validateBusinessCalendar', () => {
    it('accepts the calendars above and a day ending at 24:00', () => {
      expect(validateBusinessCalendar(shanghai).holidays).toHaveLength(7);
      expect(() => validateBusinessCalendar(newYorkAroundTheClock)).not.toThrow();
    });

    it.each<[string, Partial<BusinessCalendar>, string, string]>([
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone', 'ianaTimeZone'],
      [
        'an interval ending before it starts',
        { weeklyHours: { ...shanghai.weeklyHours, monday: [chinaDay[0], { start: '13:30', end: '13:00' }] } },
        'weeklyHours.monday[1].end',
        'afterStart',
      ],
      [
        'overlapping intervals',
        { weeklyHours: { ...shanghai.weeklyHours, friday: [chinaDay[0], { start: '11:00', end: '13:00' }] } },
        'weeklyHours.friday[1].start',
        'ordered',
      ],
      [
        'a wall time without a leading zero',
        { weeklyHours: { ...shanghai.weeklyHours, tuesday: [{ start: '9:00', end: '12:00' }] } },
        'weeklyHours.tuesday[0].start',
        'wallTime',
      ],
      [
        'a start at 24:00',
        { weeklyHours: { ...shanghai.weeklyHours, sunday: [{ start: '24:00', end: '24:00' }] } },
        'weeklyHours.sunday[0].start',
        'wallTime',
      ],
      ['a date that does not exist', { holidays: ['2026-01-01', '2026-02-30'] }, 'holidays[1]', 'date'],
      ['a holiday listed twice', { holidays: ['2026-01-01', '2026-01-01'] }, 'holidays[1]', 'unique'],
      [
        'a make-up day that is also a holiday',
        { makeUpDays: [{ date: '2026-10-01', hours: chinaDay }] },
        'makeUpDays[0].date',
        'notHoliday',
      ],
      [
        'a make-up day without hours',
        { makeUpDays: [{ date: '2026-09-20', hours: [] }] },
        'makeUpDays[0].hours',
        'required',
      ],
      [
        'a closure ending before it starts',
        { closures: [{ start: new Date('2026-06-10T10:00:00Z'), end: new Date('2026-06-10T08:00:00Z') }] },
        'closures[0].end',
        'afterStart',
      ],
    ])('refuses %s, naming the field', (_case, change, field, rule) => {
      expect(refusedFields(() => validateBusinessCalendar({ ...shanghai, ...change }))).toContainEqual([field, rule]);
    });
  });
});
