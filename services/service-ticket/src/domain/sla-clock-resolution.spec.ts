import { newYork } from './calendar-fixtures';
import { clockOfCase, expectedSummary, type ExpectedClock, type SlaCase } from './sla-clock-case';
import type { SlaTargetKind } from './sla-policy';

describe('SLA clock: resolution, pauses and reopening', () => {
  // Shanghai is UTC+8, open 09:00–12:00 and 13:30–18:00 on weekdays; Mon 2026-09-14 10:00 local = 02:00Z.
  // Targets: first response 60, next response 120, resolution 480 business minutes; warnings at 80%.
  it.each<[string, SlaTargetKind, SlaCase, ExpectedClock]>([
    [
      // Mon 09–17 = 390 min used (80% = 384 min reached Mon 16:54); waiting Mon 17:00 → Tue 11:00 stops the clock
      // (Mon 17–18 and Tue 09–11 do not count); 90 min left from Tue 11:00: 11–12, 13:30–14:00.
      'resolution paused overnight: the deadline moves out by the paused business time',
      'resolution',
      {
        history: [
          ['new', '2026-09-14T01:00:00Z'],
          ['in_progress', '2026-09-14T01:00:00Z'],
          ['waiting_on_customer', '2026-09-14T09:00:00Z'],
          ['in_progress', '2026-09-15T03:00:00Z'],
        ],
        now: '2026-09-15T03:00:00Z',
      },
      { state: 'running', elapsedMinutes: 390, deadline: '2026-09-15T06:00:00Z', warningAt: '2026-09-14T08:54:00Z' },
    ],
    [
      'still waiting on the customer at Tue 10:00: paused, 90 min left projected from now (11:30)',
      'resolution',
      {
        history: [
          ['in_progress', '2026-09-14T01:00:00Z'],
          ['waiting_on_customer', '2026-09-14T09:00:00Z'],
        ],
        now: '2026-09-15T02:00:00Z',
      },
      { state: 'paused', elapsedMinutes: 390, deadline: '2026-09-15T03:30:00Z', warningAt: '2026-09-14T08:54:00Z' },
    ],
    [
      // Fri Sep 11 16:00–17:00 used (60); waiting Fri 17:00 → Mon 09:00; 420 left: 09–12, 13:30–17:30.
      'a pause over a weekend',
      'resolution',
      {
        history: [
          ['assigned', '2026-09-11T08:00:00Z'],
          ['waiting_on_customer', '2026-09-11T09:00:00Z'],
          ['in_progress', '2026-09-14T01:00:00Z'],
        ],
        now: '2026-09-14T01:00:00Z',
      },
      // 80% = 384: 60 Friday + 324 Monday = 09–12 (180) + 13:30 + 144 → 15:54.
      { state: 'running', elapsedMinutes: 60, deadline: '2026-09-14T09:30:00Z', warningAt: '2026-09-14T07:54:00Z' },
    ],
    [
      // Fri Oct 9 17:00 waiting, customer answers Mon Oct 12 09:00; the make-up Saturday Oct 10 (7.5 h) would have
      // counted but the ticket was paused. Used: Fri 09–17 = 390; 90 left from Mon 09:00 → 10:30.
      'a pause over a make-up Saturday',
      'resolution',
      {
        history: [
          ['in_progress', '2026-10-09T01:00:00Z'],
          ['waiting_on_customer', '2026-10-09T09:00:00Z'],
          ['in_progress', '2026-10-12T01:00:00Z'],
        ],
        now: '2026-10-12T01:00:00Z',
      },
      { state: 'running', elapsedMinutes: 390, deadline: '2026-10-12T02:30:00Z', warningAt: '2026-10-09T08:54:00Z' },
    ],
    [
      'not paused: kept running from Fri 09:00 it uses Friday (450) and the make-up Saturday, breached Sat 09:30',
      'resolution',
      { history: [['in_progress', '2026-10-09T01:00:00Z']], now: '2026-10-12T01:00:00Z' },
      {
        state: 'breached',
        elapsedMinutes: 450 + 450,
        deadline: '2026-10-10T01:30:00Z',
        warningAt: '2026-10-09T08:54:00Z',
      },
    ],
    [
      // Tue Sep 29 09:00 + 480: Sep 29 uses 450, Sep 30 09:00 + 30.
      'resolution just before the holiday week: due Wed Sep 30 09:30',
      'resolution',
      { history: [['new', '2026-09-29T01:00:00Z']], now: '2026-09-29T01:00:00Z' },
      { state: 'running', elapsedMinutes: 0, deadline: '2026-09-30T01:30:00Z', warningAt: '2026-09-29T08:54:00Z' },
    ],
    [
      // Wed Sep 30 13:30 + 480: Sep 30 13:30–18 (270), Oct 1–7 holidays, Thu Oct 8 09:00 + 210 → 09–12, 13:30–14:00.
      'resolution spanning the National Day holiday week',
      'resolution',
      { history: [['new', '2026-09-30T05:30:00Z']], now: '2026-10-03T05:00:00Z' },
      // 80% = 384: 270 on Sep 30, 114 on Oct 8 → 10:54.
      { state: 'running', elapsedMinutes: 270, deadline: '2026-10-08T06:00:00Z', warningAt: '2026-10-08T02:54:00Z' },
    ],
    [
      'resolved Monday 15:00: met after 270 business minutes',
      'resolution',
      {
        history: [
          ['in_progress', '2026-09-14T01:00:00Z'],
          ['resolved', '2026-09-14T07:00:00Z'],
          ['closed', '2026-09-15T07:00:00Z'],
        ],
        now: '2026-09-16T01:00:00Z',
      },
      { state: 'met', elapsedMinutes: 270, deadline: null, warningAt: null },
    ],
    [
      // Mon 09–12 used (180), resolved until reopened Tue 09:00; now Tue 10:00 (240 used): 240 left → 10–12, 13:30–15:30.
      'reopened: the time while resolved does not count, the clock resumes',
      'resolution',
      {
        history: [
          ['in_progress', '2026-09-14T01:00:00Z'],
          ['resolved', '2026-09-14T04:00:00Z'],
          ['assigned', '2026-09-15T01:00:00Z'],
        ],
        now: '2026-09-15T02:00:00Z',
      },
      // 80% = 384: 180 Monday + 204 Tuesday → 09–12 (180) + 13:30 + 24 → 13:54.
      { state: 'running', elapsedMinutes: 240, deadline: '2026-09-15T07:30:00Z', warningAt: '2026-09-15T05:54:00Z' },
    ],
    [
      // New York, Fri 2026-03-06 13:00 EST (18:00Z): 4 h Friday, DST starts Sunday, Mon 09:00 EDT + 4 h = 13:00 EDT.
      'resolution across the New York spring-forward weekend',
      'resolution',
      { calendar: newYork, history: [['new', '2026-03-06T18:00:00Z']], now: '2026-03-06T18:00:00Z' },
      // 80% = 384 min: 240 Friday + 144 → Mon 11:24 EDT = 15:24Z.
      { state: 'running', elapsedMinutes: 0, deadline: '2026-03-09T17:00:00Z', warningAt: '2026-03-09T15:24:00Z' },
    ],
    [
      // New York, Fri 2026-10-30 13:00 EDT (17:00Z): 4 h Friday, DST ends Sunday, Mon 09:00 EST + 4 h = 13:00 EST.
      'resolution across the New York fall-back weekend',
      'resolution',
      { calendar: newYork, history: [['new', '2026-10-30T17:00:00Z']], now: '2026-10-30T17:00:00Z' },
      { state: 'running', elapsedMinutes: 0, deadline: '2026-11-02T18:00:00Z', warningAt: '2026-11-02T16:24:00Z' },
    ],
  ])('%s', (_case, target, given, expected) => {
    expect(clockOfCase(target, given)).toEqual(expectedSummary(expected));
  });
});
