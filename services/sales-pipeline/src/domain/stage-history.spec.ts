import { cycleTimeSeconds, idleStatus, stageDurations, type HistoryRow } from './stage-history';

const at = (iso: string) => new Date(iso);
const rows: HistoryRow[] = [
  { fromStageId: null, toStageId: 'qualify', movedAt: at('2026-03-01T00:00:00Z') },
  { fromStageId: 'qualify', toStageId: 'proposal', movedAt: at('2026-03-03T12:00:00Z') },
  { fromStageId: 'proposal', toStageId: 'qualify', movedAt: at('2026-03-04T12:00:00Z') },
  { fromStageId: 'qualify', toStageId: 'proposal', movedAt: at('2026-03-05T00:00:00Z') },
  { fromStageId: 'proposal', toStageId: 'won', movedAt: at('2026-03-06T00:00:00Z') },
];

describe('stage history', () => {
  it('sums every visit of a stage: qualify 2.5 d + 0.5 d = 3 d, proposal 1 d + 1 d = 2 d, won 0', () => {
    expect(stageDurations(rows, at('2026-03-06T00:00:00Z'))).toEqual([
      { stageId: 'qualify', seconds: 3 * 86400, visits: 2 },
      { stageId: 'proposal', seconds: 2 * 86400, visits: 2 },
      { stageId: 'won', seconds: 0, visits: 1 },
    ]);
  });

  it('reads rows in time order whatever order they come in', () => {
    expect(stageDurations([...rows].reverse(), at('2026-03-06T00:00:00Z'))).toEqual(
      stageDurations(rows, at('2026-03-06T00:00:00Z')),
    );
  });

  it('counts the current stage of an open deal until now: 1 h 30 min = 5400 s', () => {
    expect(stageDurations(rows.slice(0, 2), at('2026-03-03T13:30:00Z'))).toEqual([
      { stageId: 'qualify', seconds: 216000, visits: 1 },
      { stageId: 'proposal', seconds: 5400, visits: 1 },
    ]);
  });

  it('has no durations without history', () => {
    expect(stageDurations([], at('2026-03-06T00:00:00Z'))).toEqual([]);
  });

  it('measures the cycle from creation to close, none while open: 5 days = 432000 s', () => {
    expect(cycleTimeSeconds(at('2026-03-01T00:00:00Z'), at('2026-03-06T00:00:00Z'))).toBe(432000);
    expect(cycleTimeSeconds(at('2026-03-01T00:00:00Z'), null)).toBeNull();
  });

  it.each([
    // last touch 03-01 (move), 13 d 23 h later: 13 whole days, threshold 14
    ['2026-03-01T00:00:00Z', null, 14, '2026-03-14T23:00:00Z', 13, false],
    ['2026-03-01T00:00:00Z', null, 14, '2026-03-15T00:00:00Z', 14, true],
    // an activity on 03-10 resets the clock: 5 days
    ['2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z', 14, '2026-03-15T00:00:00Z', 5, false],
    // an activity older than the move does not count
    ['2026-03-10T00:00:00Z', '2026-03-01T00:00:00Z', 3, '2026-03-15T00:00:00Z', 5, true],
    // no threshold: never idle
    ['2026-01-01T00:00:00Z', null, null, '2026-03-15T00:00:00Z', 73, false],
  ])(
    'moved %s, activity %s, threshold %s: on %s idle %i days, idle %s',
    (move, activity, idleDays, now, days, idle) => {
      const status = idleStatus(
        { lastStageMoveAt: at(move), lastActivityAt: activity ? at(activity) : null, idleDays },
        at(now),
      );
      expect([status.daysIdle, status.idle]).toEqual([days, idle]);
    },
  );

  it('says when the deal becomes idle', () => {
    const status = idleStatus(
      { lastStageMoveAt: at('2026-03-01T08:00:00Z'), lastActivityAt: null, idleDays: 7 },
      at('2026-03-02T00:00:00Z'),
    );
    expect(status.idleAt).toEqual(at('2026-03-08T08:00:00Z'));
  });
});
