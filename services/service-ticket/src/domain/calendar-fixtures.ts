// Calendars the SLA table tests share: Shanghai with the 2026 National Day week and its 调休 days, Berlin with a
// closure and Christmas, New York across its DST changes.
import type { BusinessCalendar, OpeningHours } from './business-calendar';

export const closed: OpeningHours[] = [];
export const chinaDay: OpeningHours[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

export function weekdaysOnly(timeZone: string, hours: OpeningHours[]): BusinessCalendar {
  return {
    timeZone,
    weeklyHours: {
      monday: hours,
      tuesday: hours,
      wednesday: hours,
      thursday: hours,
      friday: hours,
      saturday: closed,
      sunday: closed,
    },
    holidays: [],
    closures: [],
    makeUpDays: [],
  };
}

export function everyDay(timeZone: string, hours: OpeningHours[]): BusinessCalendar {
  const calendar = weekdaysOnly(timeZone, hours);
  return { ...calendar, weeklyHours: { ...calendar.weeklyHours, saturday: hours, sunday: hours } };
}

/** Shanghai (UTC+8, no DST), 7.5 h a day with a lunch break; National Day 2026: Oct 1–7 off, Sun Sep 20 and Sat Oct 10 work. */
export const shanghai: BusinessCalendar = {
  ...weekdaysOnly('Asia/Shanghai', chinaDay),
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  makeUpDays: [
    { date: '2026-09-20', hours: chinaDay },
    { date: '2026-10-10', hours: chinaDay },
  ],
};

/** Berlin 08:00–16:00 (CET UTC+1, CEST UTC+2 from 2026-03-29), Christmas Eve and Day off, a closure 10:00–12:00 on 2026-06-10. */
export const berlin: BusinessCalendar = {
  ...weekdaysOnly('Europe/Berlin', [{ start: '08:00', end: '16:00' }]),
  holidays: ['2026-12-24', '2026-12-25'],
  closures: [{ start: new Date('2026-06-10T08:00:00Z'), end: new Date('2026-06-10T10:00:00Z') }],
};

/** New York 09:00–17:00 on weekdays (EST UTC-5; EDT UTC-4 from 2026-03-08 to 2026-11-01). */
export const newYork = weekdaysOnly('America/New_York', [{ start: '09:00', end: '17:00' }]);
export const newYorkEveryDay = everyDay('America/New_York', [{ start: '09:00', end: '17:00' }]);
export const newYorkAroundTheClock = everyDay('America/New_York', [{ start: '00:00', end: '24:00' }]);
