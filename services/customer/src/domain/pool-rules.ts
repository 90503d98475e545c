// The customer pool (公海): claim limits and the automatic return of neglected accounts, as plain rules.
import type { Grade } from './account';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PoolSettings {
  /** Claims per rep per calendar day, the day counted in `timeZone`. */
  dailyClaimCap: number;
  /** A rep may not claim once they own this many live accounts. */
  maxOwnedAccounts: number;
  /** Days a previous owner waits before claiming back an account they released (or that was returned). */
  reclaimCooldownDays: number;
  /** Days without follow-up after which an account of each grade returns to the pool; ungraded counts as C. */
  returnDays: Record<Grade, number>;
  /** The owner is warned this many days before the return, and always gets at least this long after the warning. */
  warningDays: number;
  /** IANA zone whose midnight starts a new claim day (e.g. Asia/Shanghai). */
  timeZone: string;
}

export const defaultPoolSettings: PoolSettings = {
  dailyClaimCap: 20,
  maxOwnedAccounts: 500,
  reclaimCooldownDays: 7,
  returnDays: { A: 90, B: 60, C: 30 },
  warningDays: 7,
  timeZone: 'Asia/Shanghai',
};

export function poolSettings(overrides: Partial<PoolSettings> = {}): PoolSettings {
  return {
    ...defaultPoolSettings,
    ...overrides,
    returnDays: { ...defaultPoolSettings.returnDays, ...overrides.returnDays },
  };
}

/** Whether Node (ICU) knows the zone; PostgreSQL uses the same IANA names. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function returnDaysFor(grade: string | null, settings: PoolSettings): number {
  return grade === 'A' || grade === 'B' ? settings.returnDays[grade] : settings.returnDays.C;
}

export interface PoolReturnFacts {
  grade: string | null;
  lastActivityAt: Date | null;
  ownerSince: Date | null;
  createdAt: Date;
  poolWarnedAt: Date | null;
}

/**
 * The last follow-up that counts for the current owner: the latest activity, but never before they got the account
 * (a new owner gets the full period), and the creation time for rows from before owner_since was recorded.
 */
export function lastFollowUp(facts: PoolReturnFacts): Date {
  const times = [facts.lastActivityAt, facts.ownerSince].filter((d): d is Date => !!d);
  if (!times.length) return facts.createdAt;
  return new Date(Math.max(...times.map((d) => d.getTime())));
}

export type PoolReturnStep =
  | { kind: 'none' }
  | { kind: 'warn'; returnsAt: Date }
  | { kind: 'wait'; returnsAt: Date }
  | { kind: 'return'; days: number };

/**
 * What the hourly job does with an owned account at `now`: nothing before the warning window, a warning in it (once
 * per follow-up period), and the return once the limit passed and the warning is at least `warningDays` old.
 */
export function poolReturnStep(facts: PoolReturnFacts, now: Date, settings: PoolSettings): PoolReturnStep {
  const followUp = lastFollowUp(facts);
  const days = returnDaysFor(facts.grade, settings);
  const dueAt = new Date(followUp.getTime() + days * DAY_MS);
  const warnFrom = new Date(dueAt.getTime() - settings.warningDays * DAY_MS);
  if (now < warnFrom) return { kind: 'none' };
  // A warning sent before the latest follow-up belonged to an earlier period and no longer counts.
  const warnedAt = facts.poolWarnedAt && facts.poolWarnedAt >= followUp ? facts.poolWarnedAt : null;
  if (!warnedAt) return { kind: 'warn', returnsAt: returnsAt(dueAt, now, settings) };
  const due = returnsAt(dueAt, warnedAt, settings);
  return now >= due ? { kind: 'return', days } : { kind: 'wait', returnsAt: due };
}

/** The limit, pushed back when the warning came late so that the owner always has `warningDays` to follow up. */
function returnsAt(dueAt: Date, warnedAt: Date, settings: PoolSettings): Date {
  return new Date(Math.max(dueAt.getTime(), warnedAt.getTime() + settings.warningDays * DAY_MS));
}

/** When a previous owner may claim an account back after it left them at `leftAt`. */
export function reclaimAllowedAt(leftAt: Date, settings: PoolSettings): Date {
  return new Date(leftAt.getTime() + settings.reclaimCooldownDays * DAY_MS);
}
