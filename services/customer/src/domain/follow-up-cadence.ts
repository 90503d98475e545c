import { lastFollowUp } from './pool-rules';

/**
 * Follow-up cadence ("accounts past their follow-up cadence, by grade"): days between follow-ups per grade. Rules
 * here; the SQL twin is followUpDueSql in application/account-search.ts, the column next_follow_up_at is kept by
 * application/activity-service.ts, the config is FOLLOW_UP_CADENCE_DAYS.
 */
export interface FollowUpCadence {
  A: number;
  B: number;
  C: number;
}

export const defaultFollowUpCadence: FollowUpCadence = { A: 7, B: 14, C: 30 };

const GRADES = ['A', 'B', 'C'] as const;

/** Parses 'A:7,B:14,C:30' (every grade once, whole days 1..3650); a problem names the part that is wrong. */
export function parseFollowUpCadence(raw: string): FollowUpCadence | { problem: string } {
  const cadence: Partial<FollowUpCadence> = {};
  for (const part of raw.split(',').map((p) => p.trim())) {
    const match = /^([A-Za-z]+)\s*:\s*(\d+)$/.exec(part);
    const grade = match?.[1]?.toUpperCase();
    if (!match || !GRADES.includes(grade as (typeof GRADES)[number])) {
      return { problem: `'${part}' is not GRADE:DAYS with a grade of A, B or C (e.g. A:7,B:14,C:30)` };
    }
    const days = Number(match[2]);
    if (days < 1 || days > 3650) return { problem: `${grade}: days must be from 1 to 3650` };
    if (cadence[grade as keyof FollowUpCadence] !== undefined) return { problem: `grade ${grade} is given twice` };
    cadence[grade as keyof FollowUpCadence] = days;
  }
  const missing = GRADES.filter((g) => cadence[g] === undefined);
  if (missing.length) return { problem: `grade ${missing.join(', ')} is missing (e.g. A:7,B:14,C:30)` };
  return cadence as FollowUpCadence;
}

export interface FollowUpFacts {
  grade: string | null;
  /** The explicit next follow-up of the account's latest activity. */
  nextFollowUpAt: Date | null;
  lastActivityAt: Date | null;
  ownerSince: Date | null;
  createdAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the account is due for a follow-up: the latest activity's explicit date, else the last follow-up that counts
 * for the owner (as the pool counts it) plus the grade's cadence; null for an ungraded account without one.
 */
export function followUpDueAt(facts: FollowUpFacts, cadence: FollowUpCadence): Date | null {
  if (facts.nextFollowUpAt) return facts.nextFollowUpAt;
  const grade = facts.grade as keyof FollowUpCadence | null;
  if (!grade || !(grade in cadence)) return null;
  return new Date(lastFollowUp({ ...facts, poolWarnedAt: null }).getTime() + cadence[grade] * DAY_MS);
}
