// Figures read off a deal's stage history: time per stage and cycle time for reports, idleness for reminders.
const DAY_MS = 24 * 60 * 60 * 1000;

export interface HistoryRow {
  /** Null for the row written when the deal was created into its first stage. */
  fromStageId: string | null;
  toStageId: string;
  movedAt: Date;
}

export interface StageDuration {
  stageId: string;
  /** Whole seconds over every visit of the stage. */
  seconds: number;
  visits: number;
}

/**
 * Time spent in each stage, in order of first visit. The stage the deal is in counts until `until`: now for an open
 * deal, its close time for a closed one (so a won or lost stage counts 0).
 */
export function stageDurations(rows: HistoryRow[], until: Date): StageDuration[] {
  const sorted = [...rows].sort((a, b) => a.movedAt.getTime() - b.movedAt.getTime());
  const byStage = new Map<string, StageDuration>();
  sorted.forEach((row, index) => {
    const end = index + 1 < sorted.length ? sorted[index + 1].movedAt : until;
    const seconds = Math.max(0, Math.floor((end.getTime() - row.movedAt.getTime()) / 1000));
    const entry = byStage.get(row.toStageId) ?? { stageId: row.toStageId, seconds: 0, visits: 0 };
    byStage.set(row.toStageId, { ...entry, seconds: entry.seconds + seconds, visits: entry.visits + 1 });
  });
  return [...byStage.values()];
}

/** Seconds from creation to close; null while the deal is open. */
export function cycleTimeSeconds(createdAt: Date, closedAt: Date | null): number | null {
  if (closedAt === null) return null;
  return Math.max(0, Math.floor((closedAt.getTime() - createdAt.getTime()) / 1000));
}

export interface IdleFacts {
  lastStageMoveAt: Date;
  /** The latest activity (call, meeting, note) on the deal, null when none. */
  lastActivityAt: Date | null;
  /** The stage's threshold; null: deals in it are never idle. */
  idleDays: number | null;
}

export interface IdleStatus {
  /** Whole days since the last stage move or activity, whichever is later. */
  daysIdle: number;
  idle: boolean;
  /** When the deal became (or will become) idle; null when the stage has no threshold. */
  idleAt: Date | null;
}

export function idleStatus(facts: IdleFacts, now: Date): IdleStatus {
  const touches = [facts.lastStageMoveAt, facts.lastActivityAt].filter((d): d is Date => d !== null);
  const lastTouch = Math.max(...touches.map((d) => d.getTime()));
  const daysIdle = Math.max(0, Math.floor((now.getTime() - lastTouch) / DAY_MS));
  if (facts.idleDays === null) return { daysIdle, idle: false, idleAt: null };
  return { daysIdle, idle: daysIdle >= facts.idleDays, idleAt: new Date(lastTouch + facts.idleDays * DAY_MS) };
}
