import { InputError } from '@crm/platform/errors';
import type { BusinessCalendar } from './business-calendar';
import { berlin, newYork, shanghai } from './calendar-fixtures';
import { computeSlaClock, type SlaClockInput, type SlaTargetState } from './sla-clock';
import type { SlaTargetKind, SlaTargets } from './sla-policy';
import type { TicketStatus } from './ticket-lifecycle';

const minute = 60_000;
/** 1 h first response, 2 h next response, 8 business hours to resolve. */
const targets: SlaTargets = { firstResponse: 60, nextResponse: 120, resolution: 480 };

interface Case {
  calendar?: BusinessCalendar;
  /** [status, UTC instant] oldest first. */
  history: [TicketStatus, string][];
  firstResponseAt?: string;
  lastCustomerMessageAt?: string;
  lastAgentReplyAt?: string;
  now: string;
}

interface Expected {
  state: SlaTargetState;
  elapsedMinutes: number;
  deadline: string | null;
  warningAt: string | null;
}

function input(c: Case): SlaClockInput {
  const instant = (value: string | undefined): Date | null => (value ? new Date(value) : null);
  return {
    calendar: c.calendar ?? shanghai,
    history: c.history.map(([status, at]) => ({ status, at: new Date(at) })),
    firstResponseAt: instant(c.firstResponseAt),
    lastCustomerMessageAt: instant(c.lastCustomerMessageAt),
    lastAgentReplyAt: instant(c.lastAgentReplyAt),
    targets,
    now: new Date(c.now),
  };
}

const iso = (value: string | null): string | null => (value ? new Date(value).toISOString() : null);

describe('SLA clock', () => {
  // Shanghai is UTC+8, open 09:00–12:00 and 13:30–18:00 on weekdays; Mon 2026-09-14 10:00 local = 02:00Z.
  it.each<[string, SlaTargetKind, Case, Expected]>([
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
    const clock = computeSlaClock(input(given))[target];
    expect({
      state: clock.state,
      elapsedMinutes: clock.elapsedBusinessMillis / minute,
      deadline: clock.deadline?.toISOString() ?? null,
      warningAt: clock.warningAt?.toISOString() ?? null,
    }).toEqual({ ...expected, deadline: iso(expected.deadline), warningAt: iso(expected.warningAt) });
    expect(clock.paused).toBe(expected.state === 'paused');
    if (expected.state === 'running' || expected.state === 'paused' || expected.state === 'breached')
      expect(clock.breachAt).toEqual(clock.deadline);
  });

  it('recomputes from scratch when the calendar changes: a newly declared holiday moves the deadline', () => {
    // Created Mon Sep 14 17:00, 480 min to resolve: Mon 60, Tue 09:00 + 420 → 17:30 (09:30Z).
    const given: Case = { history: [['new', '2026-09-14T09:00:00Z']], now: '2026-09-14T09:00:00Z' };
    expect(computeSlaClock(input(given)).resolution.deadline?.toISOString()).toBe('2026-09-15T09:30:00.000Z');
    // Tuesday becomes a holiday: Wed 09:00 + 420 → 17:30 Wednesday.
    const withHoliday = { ...given, calendar: { ...shanghai, holidays: [...shanghai.holidays, '2026-09-15'] } };
    expect(computeSlaClock(input(withHoliday)).resolution.deadline?.toISOString()).toBe('2026-09-16T09:30:00.000Z');
  });

  it.each<[string, [TicketStatus, string][], string]>([
    ['an empty history', [], 'history'],
    [
      'a history out of order',
      [
        ['new', '2026-09-14T02:00:00Z'],
        ['assigned', '2026-09-14T01:00:00Z'],
      ],
      'history[1].at',
    ],
  ])('refuses %s, naming the field', (_case, history, field) => {
    expect(() => computeSlaClock(input({ history, now: '2026-09-14T05:00:00Z' }))).toThrow(
      expect.objectContaining({
        constructor: InputError,
        message: expect.stringMatching(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}:`)),
      }),
    );
  });
});
