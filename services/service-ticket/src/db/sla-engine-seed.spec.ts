import { validateBusinessCalendar, businessMillisBetween } from '../domain/business-calendar';
import { targetsFor, validateSlaPolicy } from '../domain/sla-policy';
import { seededCalendar, seededPolicy } from './migrations/1765010000000-sla-engine';

describe('the SLA settings a fresh install starts with', () => {
  const calendar = { ...seededCalendar, holidays: [], closures: [], makeUpDays: [] };

  it('is a valid calendar open 9 hours on weekdays in Shanghai', () => {
    expect(validateBusinessCalendar(calendar).timeZone).toBe('Asia/Shanghai');
    // Mon 2026-11-30 00:00 to Mon 2026-12-07 00:00 Shanghai time: five days of 9 hours.
    const week = businessMillisBetween(calendar, new Date('2026-11-29T16:00:00Z'), new Date('2026-12-06T16:00:00Z'));
    expect(week / 3_600_000).toBe(45);
  });

  it('is a valid policy whose complaint targets are stricter than any grade', () => {
    const policy = validateSlaPolicy({ ...seededPolicy, calendarId: 'seeded' });
    const complaint = targetsFor(policy, { priority: 'normal', grade: 'A', complaint: true });
    const gradeA = targetsFor(policy, { priority: 'normal', grade: 'A', complaint: false });
    expect(complaint.firstResponse).toBeLessThan(gradeA.firstResponse);
    expect(complaint.resolution).toBeLessThan(gradeA.resolution);
  });

  it('gives grade A faster resolution than ungraded accounts at every priority', () => {
    for (const priority of ['urgent', 'high', 'normal', 'low'] as const)
      expect(seededPolicy.targets[priority].A.resolution).toBeLessThan(seededPolicy.targets[priority].none.resolution);
  });
});
