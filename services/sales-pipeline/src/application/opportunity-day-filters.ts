import { InputError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import type { SqlConditions } from '../db/sql-conditions';
import type { OpportunityFilter } from './opportunity-service';

const maxOwnerIds = 200;
const maxSearchLength = 200;
const maxTeamIdLength = 200;

/**
 * The portal's "my day" filters of the deal list: owners, team, idle deals, expected closes in a date range, name
 * search. Each adds one condition to `where`, so the page and its totalCount use the same ones.
 */
export function addDayFilters(where: SqlConditions, filter: OpportunityFilter): void {
  if (filter.ownerIds) {
    if (filter.ownerIds.length > maxOwnerIds) {
      throw InputError.single(['filter', 'ownerIds'], 'max_items', `at most ${maxOwnerIds} owners`);
    }
    filter.ownerIds.forEach((id, i) => {
      if (!isUuid(id)) throw InputError.single(['filter', 'ownerIds', i], 'uuid', 'must be a UUID');
    });
    where.add(`o.owner_id = ANY(${where.param([...filter.ownerIds])}::uuid[])`);
  }
  if (filter.teamId !== null && filter.teamId !== undefined) {
    if (filter.teamId === '' || filter.teamId.length > maxTeamIdLength) {
      throw InputError.single(['filter', 'teamId'], 'length', `1 to ${maxTeamIdLength} characters`);
    }
    where.add(`o.team_id = ${where.param(filter.teamId)}`);
  }
  if (filter.idleOnly) {
    // The SQL twin of domain/stage-history idleStatus: the last touch (stage move or activity) plus the stage's idleDays.
    where.add(`o.status = 'open' AND EXISTS (SELECT 1 FROM pipeline_stages s WHERE s.id = o.stage_id
      AND s.idle_days IS NOT NULL
      AND GREATEST(o.stage_entered_at, COALESCE(o.last_activity_at, o.stage_entered_at))
        + make_interval(days => s.idle_days) <= now())`);
  }
  const { expectedCloseFrom: from, expectedCloseTo: to } = filter;
  if (from && to && from > to) {
    throw InputError.single(['filter', 'expectedCloseTo'], 'date_range', 'must not be before expectedCloseFrom');
  }
  if (from) where.add(`o.expected_close_on >= ${where.param(from)}::date`);
  if (to) where.add(`o.expected_close_on <= ${where.param(to)}::date`);
  if (filter.search !== null && filter.search !== undefined) {
    const search = filter.search.trim();
    if (!search || search.length > maxSearchLength) {
      throw InputError.single(['filter', 'search'], 'length', `1 to ${maxSearchLength} characters`);
    }
    where.add(`o.name ILIKE ${where.param(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  }
}
