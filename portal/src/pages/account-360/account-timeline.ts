/** One entry of the account's timeline: something that happened at an instant. */
export interface TimelineEntry {
  key: string;
  /** ISO instant the entry is placed at. */
  at: string;
  kind: 'activity' | 'deal-opened' | 'deal-closed' | 'ticket';
  id: string;
}

/** One source's loaded pages (each source is paged newest first by `orderAt`), and whether older pages remain. */
export interface TimelineSource<E extends TimelineEntry = TimelineEntry> {
  entries: (E & { orderAt: string })[];
  hasMore: boolean;
}

/**
 * Merges sources into one list, newest first. A source with older pages left hides everything older than its own
 * oldest loaded entry from the others too: otherwise an entry of the next page would later appear between two
 * entries already shown.
 */
export function mergeTimeline<E extends TimelineEntry>(
  sources: TimelineSource<E>[],
): { entries: E[]; hasMore: boolean } {
  let horizon = -Infinity;
  for (const source of sources) {
    if (!source.hasMore || source.entries.length === 0) continue;
    const oldest = Math.min(...source.entries.map((e) => Date.parse(e.orderAt)));
    horizon = Math.max(horizon, oldest);
  }
  const entries = sources
    .flatMap((s) => s.entries)
    .filter((e) => Date.parse(e.at) >= horizon)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.key.localeCompare(b.key))
    .map((e): E => {
      const { orderAt: _orderAt, ...entry } = e;
      return entry as unknown as E;
    });
  return { entries, hasMore: sources.some((s) => s.hasMore) };
}
