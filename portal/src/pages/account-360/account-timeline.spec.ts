import { mergeTimeline, type TimelineEntry } from './account-timeline';

function entry(key: string, at: string, orderAt = at): TimelineEntry & { orderAt: string } {
  return { key, at, orderAt, kind: 'activity', id: key };
}

describe('mergeTimeline', () => {
  it('puts activities, deals and tickets in one list, newest first', () => {
    const { entries, hasMore } = mergeTimeline([
      {
        entries: [entry('call', '2026-11-10T10:00:00.000Z'), entry('visit', '2026-11-01T10:00:00.000Z')],
        hasMore: false,
      },
      { entries: [entry('deal', '2026-11-05T10:00:00Z')], hasMore: false },
      { entries: [entry('ticket', '2026-11-12T10:00:00.000Z')], hasMore: false },
    ]);
    expect(entries.map((e) => e.key)).toEqual(['ticket', 'call', 'deal', 'visit']);
    expect(hasMore).toBe(false);
  });

  it('holds back what is older than a source that has more pages, so nothing later appears in between', () => {
    const { entries, hasMore } = mergeTimeline([
      { entries: [entry('call', '2026-11-10T10:00:00.000Z')], hasMore: true },
      {
        entries: [entry('deal-new', '2026-11-12T10:00:00.000Z'), entry('deal-old', '2026-01-01T10:00:00.000Z')],
        hasMore: false,
      },
    ]);
    expect(entries.map((e) => e.key)).toEqual(['deal-new', 'call']);
    expect(hasMore).toBe(true);
  });

  it('places a closed deal at its closing time although its page is ordered by creation', () => {
    const { entries } = mergeTimeline([
      { entries: [entry('call', '2026-11-10T10:00:00.000Z')], hasMore: false },
      { entries: [entry('won', '2026-11-20T10:00:00.000Z', '2026-10-01T10:00:00.000Z')], hasMore: false },
    ]);
    expect(entries.map((e) => e.key)).toEqual(['won', 'call']);
    expect(entries[0]).not.toHaveProperty('orderAt');
  });
});
