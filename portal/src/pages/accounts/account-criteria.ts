import type {
  AccountFilter,
  AccountSort,
  AccountsSavedViewsQuery,
  Grade,
  LifecycleStage,
} from '../../graphql/gen/graphql';

export type AccountSortChoice =
  'RELEVANCE' | 'NAME' | 'CREATED_AT' | 'UPDATED_AT' | 'LAST_ACTIVITY_AT' | 'FOLLOW_UP_DUE';

/** What the list shows: the search and filters a user sets, and what a saved view keeps. */
export interface AccountCriteria {
  search: string;
  grades: Grade[];
  stages: LifecycleStage[];
  tags: string[];
  /** Empty: anyone's. */
  ownerIds: string[];
  /** YYYY-MM-DD dates (a day starts at midnight UTC, like the API's due dates). */
  lastActivityAfter?: string;
  lastActivityBefore?: string;
  /** Only accounts whose follow-up is due (past their grade's cadence or their set date). */
  followUpDue: boolean;
  sort: AccountSortChoice;
}

export const EMPTY_CRITERIA: AccountCriteria = {
  search: '',
  grades: [],
  stages: [],
  tags: [],
  ownerIds: [],
  followUpDue: false,
  sort: 'RELEVANCE',
};

type SavedView = AccountsSavedViewsQuery['savedAccountViews']['edges'][number]['node'];

/** The API's filter for criteria (inPool for the pool tab, where owners mean nothing). */
export function toAccountFilter(criteria: AccountCriteria, inPool: boolean): AccountFilter {
  const filter: AccountFilter = {};
  if (criteria.grades.length) filter.grades = criteria.grades;
  if (criteria.stages.length) filter.stages = criteria.stages;
  if (criteria.tags.length) filter.tags = criteria.tags;
  if (criteria.ownerIds.length && !inPool) filter.ownerIds = criteria.ownerIds;
  if (criteria.lastActivityAfter) filter.lastActivityAfter = new Date(criteria.lastActivityAfter).toISOString();
  if (criteria.lastActivityBefore) filter.lastActivityBefore = new Date(criteria.lastActivityBefore).toISOString();
  if (criteria.followUpDue) filter.followUpDue = true;
  if (inPool) filter.inPool = true;
  return filter;
}

export function toAccountSort(criteria: AccountCriteria): AccountSort {
  // Newest first for dates of creation and change; names A to Z; least recent activity and most overdue first.
  const direction = criteria.sort === 'CREATED_AT' || criteria.sort === 'UPDATED_AT' ? 'DESC' : 'ASC';
  return { field: criteria.sort, direction };
}

/** The API's search, filter and sort for criteria. */
export function toAccountQuery(
  criteria: AccountCriteria,
  inPool: boolean,
): { search: string | null; filter: AccountFilter; sort: AccountSort } {
  return {
    search: criteria.search.trim() || null,
    filter: toAccountFilter(criteria, inPool),
    sort: toAccountSort(criteria),
  };
}

/** A saved view back as criteria (dates as the days they were saved from). */
export function criteriaOfView(view: SavedView): AccountCriteria {
  const f = view.filter;
  return {
    search: view.search ?? '',
    grades: f.grades ?? [],
    stages: f.stages ?? [],
    tags: f.tags ?? [],
    ownerIds: f.ownerIds ?? [],
    lastActivityAfter: f.lastActivityAfter?.slice(0, 10),
    lastActivityBefore: f.lastActivityBefore?.slice(0, 10),
    followUpDue: f.followUpDue ?? false,
    sort: view.sort?.field ?? 'RELEVANCE',
  };
}
