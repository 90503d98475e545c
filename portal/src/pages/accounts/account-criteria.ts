import type { AccountFilter, AccountSort, Grade, LifecycleStage } from '../../graphql/gen/graphql';

export type AccountSortChoice = 'RELEVANCE' | 'NAME' | 'CREATED_AT' | 'UPDATED_AT' | 'LAST_ACTIVITY_AT';

/** What the list shows: the search and filters a user sets, and what a saved view keeps. */
export interface AccountCriteria {
  search: string;
  grades: Grade[];
  stages: LifecycleStage[];
  tags: string[];
  /** 'me' or nobody in particular (until the user directory lands, only the caller can be picked by name). */
  owner: 'anyone' | 'me';
  /** YYYY-MM-DD dates (a day starts at midnight UTC, like the API's due dates). */
  lastActivityAfter?: string;
  lastActivityBefore?: string;
  sort: AccountSortChoice;
}

export const EMPTY_CRITERIA: AccountCriteria = {
  search: '',
  grades: [],
  stages: [],
  tags: [],
  owner: 'anyone',
  sort: 'RELEVANCE',
};

/** The API's filter and sort for criteria; inPool for the pool tab. */
export function toAccountQuery(
  criteria: AccountCriteria,
  userId: string,
  inPool: boolean,
): { search: string | null; filter: AccountFilter; sort: AccountSort } {
  const filter: AccountFilter = {};
  if (criteria.grades.length) filter.grades = criteria.grades;
  if (criteria.stages.length) filter.stages = criteria.stages;
  if (criteria.tags.length) filter.tags = criteria.tags;
  if (criteria.owner === 'me' && !inPool) filter.ownerIds = [userId];
  if (criteria.lastActivityAfter) filter.lastActivityAfter = new Date(criteria.lastActivityAfter).toISOString();
  if (criteria.lastActivityBefore) filter.lastActivityBefore = new Date(criteria.lastActivityBefore).toISOString();
  if (inPool) filter.inPool = true;
  // Least recent activity first is what a rep looking for neglected accounts wants; names read A to Z.
  const direction = criteria.sort === 'CREATED_AT' || criteria.sort === 'UPDATED_AT' ? 'DESC' : 'ASC';
  return { search: criteria.search.trim() || null, filter, sort: { field: criteria.sort, direction } };
}
