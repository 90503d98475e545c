const dayMs = 24 * 60 * 60 * 1000;

/** Records deleted before this instant have outlived the retention and may be purged for good. */
export function purgeCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 0) {
    throw new RangeError(`retentionDays must be a whole number of days >= 0, got ${retentionDays}`);
  }
  return new Date(now.getTime() - retentionDays * dayMs);
}

/** True when a record deleted at `deletedAt` may be purged at `now`. */
export function isPurgeable(deletedAt: Date, now: Date, retentionDays: number): boolean {
  return deletedAt.getTime() < purgeCutoff(now, retentionDays).getTime();
}
