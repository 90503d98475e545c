import { refusedFields } from './refused-fields';
import { berlin, shanghai } from './calendar-fixtures';
import { computeSlaClock } from './sla-clock';
import { clockOfCase, expectedSummary, slaCaseInput, type ExpectedClock, type SlaCase } from './sla-clock-case';
import type { SlaTargetKind } from './sla-policy';
import type { TicketStatus } from './ticket-lifecycle';

describe('SLA clock: responses', () => {
  // Shanghai is UTC+8, open 09:00–12:00 and 13:30–18:00 on weekdays; Mon 2026-09-14 10:00 local = 02:00Z.
  // Targets: first response 60, next response 120, resolution 480 business minutes; warnings at 80%.
  it.each<[string, SlaTargetKind, SlaCase, ExpectedClock]>([
    [
      'first response running: created Mon 10:00, now 10:30 → due 11:00, warning at 10:48',
      'firstResponse',
      { history: [['new', '2026-09-14T02:00:00Z']], now: '2026-09-14T02:30:00Z' },
      { state: 'running', elapsedMinutes: 30, deadline: '2026-09-14T03:00:00Z', warningAt: '2026-09-14T02:48:00Z' },
    ],
    [
      'first response over lunch: created 11:30 → 30 min before lunch, due 14:00, warning 13:48',
      'firstResponse',
      { history: [['new', '2026-09-14T03:30:00Z']], now: '2026-09-14T03:30:00Z' },
      { state: 'running', elapsedMinutes: 0, deadline: '2026-09-14T06:00:00Z', warningAt: '2026-09-14T05:48:00Z' },
    ],
    [
      'created Saturday 22:00 (outside hours): the clock starts Monday 09:00, due 10:00, warning 09:48',
      'firstResponse',
      { history: [['new', '2026-09-12T14:00:00Z']], now: '2026-09-12T15:00:00Z' },
      { state: 'running', elapsedMinutes: 0, deadline: '2026-09-14T02:00:00Z', warningAt: '2026-09-14T01:48:00Z' },
    ],
    [
      'first response met after 40 min',
      'firstResponse',
      {
        history: [['new', '2026-09-14T02:00:00Z']],
        firstResponseAt: '2026-09-14T02:40:00Z',
        now: '2026-09-14T05:00:00Z',
      },
      { state: 'met', elapsedMinutes: 40, deadline: null, warningAt: null },
    ],
    [
      'first response exactly on the deadline is met (the 80% warning had passed)',
      'firstResponse',
      {
        history: [['new', '2026-09-14T02:00:00Z']],
        firstResponseAt: '2026-09-14T03:00:00Z',
        now: '2026-09-14T05:00:00Z',
      },
      { state: 'met', elapsedMinutes: 60, deadline: null, warningAt: '2026-09-14T02:48:00Z' },
    ],
    [
      'first response at 11:30 breached the 11:00 deadline',
      'firstResponse',
      {
        history: [['new', '2026-09-14T02:00:00Z']],
        firstResponseAt: '2026-09-14T03:30:00Z',
        now: '2026-09-14T05:00:00Z',
      },
      { state: 'breached', elapsedMinutes: 90, deadline: '2026-09-14T03:00:00Z', warningAt: '2026-09-14T02:48:00Z' },
    ],
    [
      'no reply by 15:00: 10–12 and 13:30–15 used, breached at 11:00',
      'firstResponse',
      { history: [['new', '2026-09-14T02:00:00Z']], now: '2026-09-14T07:00:00Z' },
      { state: 'breached', elapsedMinutes: 210, deadline: '2026-09-14T03:00:00Z', warningAt: '2026-09-14T02:48:00Z' },
    ],
    [
      'a reply sent on Sunday night, before the clock ever ran, is met with no time used',
      'firstResponse',
      {
        history: [['new', '2026-09-12T14:00:00Z']],
        firstResponseAt: '2026-09-13T13:00:00Z',
        now: '2026-09-14T05:00:00Z',
      },
      { state: 'met', elapsedMinutes: 0, deadline: null, warningAt: null },
    ],
    [
      // Customer writes Mon 17:30 after the first reply; 120 min: 17:30–18 (30) + Tue 09:00 + 90 → 10:30.
      'next response across the night',
      'nextResponse',
      {
        history: [['in_progress', '2026-09-14T01:00:00Z']],
        firstResponseAt: '2026-09-14T02:00:00Z',
        lastAgentReplyAt: '2026-09-14T02:00:00Z',
        lastCustomerMessageAt: '2026-09-14T09:30:00Z',
        now: '2026-09-14T09:30:00Z',
      },
      // 80% = 96: 30 Monday + 66 → Tue 10:06.
      { state: 'running', elapsedMinutes: 0, deadline: '2026-09-15T02:30:00Z', warningAt: '2026-09-15T02:06:00Z' },
    ],
    [
      'next response met by a reply Tue 09:15 (45 business minutes)',
      'nextResponse',
      {
        history: [['in_progress', '2026-09-14T01:00:00Z']],
        firstResponseAt: '2026-09-14T02:00:00Z',
        lastCustomerMessageAt: '2026-09-14T09:30:00Z',
        lastAgentReplyAt: '2026-09-15T01:15:00Z',
        now: '2026-09-15T05:00:00Z',
      },
      { state: 'met', elapsedMinutes: 45, deadline: null, warningAt: null },
    ],
    [
      'next response does not apply before the customer writes again',
      'nextResponse',
      {
        history: [['in_progress', '2026-09-14T01:00:00Z']],
        firstResponseAt: '2026-09-14T02:00:00Z',
        lastCustomerMessageAt: '2026-09-14T01:00:00Z',
        now: '2026-09-15T05:00:00Z',
      },
      { state: 'not_applicable', elapsedMinutes: 0, deadline: null, warningAt: null },
    ],
    [
      'no first response owed on a ticket resolved without one',
      'firstResponse',
      {
        history: [
          ['new', '2026-09-14T02:00:00Z'],
          ['resolved', '2026-09-14T02:30:00Z'],
        ],
        now: '2026-09-14T05:00:00Z',
      },
      { state: 'not_applicable', elapsedMinutes: 30, deadline: null, warningAt: null },
    ],
    [
      // Berlin, Wed 2026-06-10 09:00 CEST: 09–10, closed 10–12, 12:00 + 0 → due 12:00 CEST = 10:00Z.
      'first response around a closure in the middle of the day',
      'firstResponse',
      { calendar: berlin, history: [['new', '2026-06-10T07:00:00Z']], now: '2026-06-10T07:30:00Z' },
      // 80% = 48 min: 09:48 CEST, before the closure.
      { state: 'running', elapsedMinutes: 30, deadline: '2026-06-10T08:00:00Z', warningAt: '2026-06-10T07:48:00Z' },
    ],
    [
      // Berlin, created Wed 09:30 CEST: 30 min to 10:00, closure 10–12, 12:00 + 30 → 12:30 CEST = 10:30Z.
      'first response pushed out by a closure',
      'firstResponse',
      { calendar: berlin, history: [['new', '2026-06-10T07:30:00Z']], now: '2026-06-10T09:00:00Z' },
      // 80% = 48: 30 before the closure, 12:00 + 18 → 12:18 CEST.
      { state: 'running', elapsedMinutes: 30, deadline: '2026-06-10T10:30:00Z', warningAt: '2026-06-10T10:18:00Z' },
    ],
  ])('%s', (_case, target, given, expected) => {
    expect(clockOfCase(target, given)).toEqual(expectedSummary(expected));
  });

  it('recomputes from scratch when the calendar changes: a newly declared holiday moves the deadline', () => {
    // Created Mon Sep 14 17:00, 480 min to resolve: Mon 60, Tue 09:00 + 420 → 17:30 (09:30Z).
    const given: SlaCase = { history: [['new', '2026-09-14T09:00:00Z']], now: '2026-09-14T09:00:00Z' };
    expect(computeSlaClock(slaCaseInput(given)).resolution.deadline?.toISOString()).toBe('2026-09-15T09:30:00.000Z');
    // Tuesday becomes a holiday: Wed 09:00 + 420 → 17:30 Wednesday.
    const withHoliday = { ...given, calendar: { ...shanghai, holidays: [...shanghai.holidays, '2026-09-15'] } };
    expect(computeSlaClock(slaCaseInput(withHoliday)).resolution.deadline?.toISOString()).toBe(
      '2026-09-16T09:30:00.000Z',
    );
  });

  it.each<[string, [TicketStatus, string][], [string, string]]>([
    ['an empty history', [], ['history', 'required']],
    [
      'a history out of order',
      [
        ['new', '2026-09-14T02:00:00Z'],
        ['assigned', '2026-09-14T01:00:00Z'],
      ],
      ['history[1].at', 'ascending'],
    ],
  ])('refuses %s, naming the field', (_case, history, expected) => {
    expect(refusedFields(() => computeSlaClock(slaCaseInput({ history, now: '2026-09-14T05:00:00Z' })))).toEqual([
      expected,
    ]);
  });
});
