// Reads the period and scope a forecast, quota or adjustment is asked for, naming the argument that is wrong.
import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { parseCalendarDate } from '../domain/calendar-date';
import { periodOf, type Period, type PeriodKind } from '../domain/fiscal-period';
import type { ForecastScope } from '../policy/forecast-access';

/** A period as asked: its kind and first day (the first day of a month, fiscal quarter or fiscal year). */
export function parsePeriod(
  input: { kind: PeriodKind; start: string },
  fiscalYearStartMonth: number,
  path: string[] = ['period'],
): Period {
  const start = parseCalendarDate(input.start, [...path, 'start']);
  const period = periodOf(start, input.kind, fiscalYearStartMonth);
  if (period.start !== start) {
    throw InputError.single(
      [...path, 'start'],
      'period_start',
      `must be the first day of a ${input.kind}: the ${input.kind} holding ${start} starts on ${period.start}`,
    );
  }
  return period;
}

/** Exactly one of a rep (ownerId) or a team (teamId). */
export function parseScope(input: { ownerId?: string | null; teamId?: string | null }): ForecastScope {
  const { ownerId, teamId } = input;
  if ((ownerId ? 1 : 0) + (teamId ? 1 : 0) !== 1) {
    throw InputError.single(['scope'], 'one_of', 'give exactly one of ownerId (a rep) or teamId (a team)');
  }
  if (ownerId) {
    if (!isUuid(ownerId)) throw InputError.single(['scope', 'ownerId'], 'uuid', 'must be a UUID');
    return { kind: 'owner', id: ownerId };
  }
  return { kind: 'team', id: parseTeamId(teamId, ['scope', 'teamId']) };
}

export function parseTeamId(input: unknown, path: (string | number)[]): string {
  const teamId = typeof input === 'string' ? input.trim() : '';
  if (!teamId || teamId.length > 200) throw InputError.single(path, 'length', 'must be 1 to 200 characters');
  return teamId;
}
