import { slaCaseInput } from './sla-clock-case';
import { computeSlaClock, type SlaClock } from './sla-clock';
import { slaMarks, slaStanding } from './sla-standing';
import type { TicketStatus } from './ticket-lifecycle';

// Shanghai business hours; created Mon 2026-09-14 10:00 local (02:00Z): the first response (60 min) warns at
// 10:48 (02:48Z) and falls due at 11:00 (03:00Z); the resolution (480 min) falls due Tue 10:30 (02:30Z).
const createdAt = '2026-09-14T02:00:00Z';

const clockAt = (now: string, history: [TicketStatus, string][] = [['new', createdAt]], repliedAt?: string): SlaClock =>
  computeSlaClock(slaCaseInput({ history, now, firstResponseAt: repliedAt, lastAgentReplyAt: repliedAt }));

const standingAt = (now: string, clock = clockAt(now)) => slaStanding(slaMarks(clock), new Date(now));

describe('SLA standing', () => {
  it('is on track before 80% of a target, at risk from it, breached from its deadline', () => {
    expect(standingAt('2026-09-14T02:47:59Z')).toBe('on_track');
    expect(standingAt('2026-09-14T02:48:00Z')).toBe('at_risk');
    expect(standingAt('2026-09-14T03:00:00Z')).toBe('breached');
  });

  it('turns at risk and breached from a clock stored earlier, as the instants pass (a live countdown)', () => {
    const stored = clockAt('2026-09-14T02:10:00Z');
    expect(standingAt('2026-09-14T02:10:00Z', stored)).toBe('on_track');
    expect(standingAt('2026-09-14T02:50:00Z', stored)).toBe('at_risk');
    expect(standingAt('2026-09-14T03:01:00Z', stored)).toBe('breached');
  });

  it('names the soonest open deadline and its target', () => {
    expect(slaMarks(clockAt('2026-09-14T02:10:00Z'))).toMatchObject({
      nextDeadline: new Date('2026-09-14T03:00:00Z'),
      nextDeadlineTarget: 'firstResponse',
    });
    const answered = clockAt('2026-09-14T02:30:00Z', [['new', createdAt]], '2026-09-14T02:20:00Z');
    expect(slaMarks(answered)).toMatchObject({
      nextDeadline: new Date('2026-09-15T02:30:00Z'),
      nextDeadlineTarget: 'resolution',
    });
  });

  it('stays breached once a target was breached, even after the late reply', () => {
    const late = clockAt('2026-09-14T03:30:00Z', [['new', createdAt]], '2026-09-14T03:10:00Z');
    expect(late.firstResponse.state).toBe('breached');
    expect(standingAt('2026-09-14T03:30:00Z', late)).toBe('breached');
  });

  it('is not at risk while paused: waiting on the customer stops the clock', () => {
    const waiting = clockAt(
      '2026-09-14T04:00:00Z',
      [
        ['new', createdAt],
        ['waiting_on_customer', '2026-09-14T02:10:00Z'],
      ],
      '2026-09-14T02:05:00Z',
    );
    expect(waiting.resolution.state).toBe('paused');
    expect(standingAt('2026-09-14T04:00:00Z', waiting)).toBe('on_track');
  });
});
