import { shanghai } from './calendar-fixtures';
import { dueSlaAlerts, nextSlaAlertAt, type SentSlaAlert } from './sla-alerts';
import { computeSlaClock, type SlaClock } from './sla-clock';
import type { SlaTargetKind } from './sla-policy';
import type { TicketStatus } from './ticket-lifecycle';

// Shanghai (UTC+8). Created Mon 2026-09-14 10:00 local (02:00Z); first response 60 min → warning 10:48 (02:48Z),
// breach 11:00 (03:00Z); resolution 480 min: Monday offers 10–12 (120) + 13:30–18 (270) = 390, so its warning
// (384) is Mon 17:54 (09:54Z) and its breach Tue 09:00 + 90 = 10:30 (02:30Z).
const createdAt = '2026-09-14T02:00:00Z';
const created = new Date(createdAt);

function clockAt(
  now: string,
  history: [TicketStatus, string][] = [['new', createdAt]],
  firstResponseAt?: string,
): SlaClock {
  return computeSlaClock({
    calendar: shanghai,
    history: history.map(([status, at]) => ({ status, at: new Date(at) })),
    firstResponseAt: firstResponseAt ? new Date(firstResponseAt) : null,
    lastCustomerMessageAt: null,
    lastAgentReplyAt: firstResponseAt ? new Date(firstResponseAt) : null,
    targets: { firstResponse: 60, nextResponse: 120, resolution: 480 },
    now: new Date(now),
  });
}

const sent = (target: SlaTargetKind, kind: 'warning' | 'breach'): SentSlaAlert => ({
  target,
  kind,
  startedAt: created,
});

describe('SLA alerts', () => {
  it.each<[string, string, SentSlaAlert[], string[]]>([
    ['nothing before 80%', '2026-09-14T02:47:59Z', [], []],
    ['the first-response warning at exactly 80% (10:48)', '2026-09-14T02:48:00Z', [], ['firstResponse:warning']],
    ['the warning only once', '2026-09-14T02:50:00Z', [sent('firstResponse', 'warning')], []],
    [
      'the breach at 100% (11:00), escalated',
      '2026-09-14T03:00:00Z',
      [sent('firstResponse', 'warning')],
      ['firstResponse:breach!'],
    ],
    [
      'the breach only once',
      '2026-09-14T04:00:00Z',
      [sent('firstResponse', 'warning'), sent('firstResponse', 'breach')],
      [],
    ],
    // The schedule was down from 10:40 to 11:30: the breach alone, no stale warning.
    ['a late look sends the breach without the warning', '2026-09-14T03:30:00Z', [], ['firstResponse:breach!']],
    [
      'the resolution warning Monday 17:54 once first response is settled',
      '2026-09-14T09:54:00Z',
      [sent('firstResponse', 'warning'), sent('firstResponse', 'breach')],
      ['resolution:warning'],
    ],
    [
      'both targets breached by Tuesday 10:30',
      '2026-09-15T02:30:00Z',
      [sent('firstResponse', 'warning'), sent('firstResponse', 'breach'), sent('resolution', 'warning')],
      ['resolution:breach!'],
    ],
  ])('%s', (_case, now, alreadySent, expected) => {
    const due = dueSlaAlerts(clockAt(now), alreadySent, new Date(now));
    expect(due.map((a) => `${a.target}:${a.kind}${a.escalateToManager ? '!' : ''}`)).toEqual(expected);
  });

  it('sends nothing for a target met before its warning', () => {
    const clock = clockAt('2026-09-14T03:30:00Z', [['new', createdAt]], '2026-09-14T02:40:00Z');
    expect(dueSlaAlerts(clock, [], new Date('2026-09-14T03:30:00Z'))).toEqual([]);
  });

  it('does not warn while the ticket waits on the customer, and warns once it resumes past 80%', () => {
    // Waiting from Mon 10:30 (30 min used) to Tue 09:00; at Tue 09:30 60 min are used: warning crossed at 09:18.
    const history: [TicketStatus, string][] = [
      ['new', createdAt],
      ['waiting_on_customer', '2026-09-14T02:30:00Z'],
      ['in_progress', '2026-09-15T01:00:00Z'],
    ];
    const waiting = clockAt('2026-09-14T09:00:00Z', history.slice(0, 2));
    expect(dueSlaAlerts(waiting, [], new Date('2026-09-14T09:00:00Z'))).toEqual([]);
    expect(nextSlaAlertAt(waiting, [])).toBeNull();
    const resumed = clockAt('2026-09-15T01:20:00Z', history);
    expect(dueSlaAlerts(resumed, [], new Date('2026-09-15T01:20:00Z'))).toEqual([
      expect.objectContaining({
        target: 'firstResponse',
        kind: 'warning',
        crossedAt: new Date('2026-09-15T01:18:00Z'),
      }),
    ]);
  });

  it.each<[string, string, SentSlaAlert[], string | null]>([
    ['the first-response warning is next', '2026-09-14T02:10:00Z', [], '2026-09-14T02:48:00Z'],
    ['then its breach', '2026-09-14T02:50:00Z', [sent('firstResponse', 'warning')], '2026-09-14T03:00:00Z'],
    [
      'then the resolution warning',
      '2026-09-14T03:10:00Z',
      [sent('firstResponse', 'warning'), sent('firstResponse', 'breach')],
      '2026-09-14T09:54:00Z',
    ],
  ])('schedules the next look: %s', (_case, now, alreadySent, expected) => {
    expect(nextSlaAlertAt(clockAt(now), alreadySent)?.toISOString() ?? null).toBe(
      expected ? new Date(expected).toISOString() : null,
    );
  });
});
