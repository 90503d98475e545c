import { graphql } from '../../graphql/gen';

/** One page of the accounts list (search, filters, sort, cursor). */
export const AccountsListQuery = graphql(`
  query AccountsList($search: String, $filter: AccountFilter, $sort: AccountSort, $first: Int, $after: String) {
    accounts(search: $search, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          grade
          lifecycleStage
          tags
          ownerId
          owner {
            id
            displayName
          }
          teamId
          phones
          followUpDueAt
          lastActivityAt
          version
        }
      }
    }
  }
`);

export const AccountsPoolQuotaQuery = graphql(`
  query AccountsPoolQuota {
    poolQuota {
      claimsToday
      dailyClaimCap
      ownedAccounts
      maxOwnedAccounts
      timeZone
      dayEndsAt
    }
  }
`);

export const AccountsClaimMutation = graphql(`
  mutation AccountsClaim($accountId: ID!) {
    claimAccount(input: { accountId: $accountId }) {
      id
      ownerId
      version
    }
  }
`);

export const AccountsBulkAssignMutation = graphql(`
  mutation AccountsBulkAssign($ids: [ID!]!, $ownerId: ID!) {
    bulkAssignAccounts(ids: $ids, ownerId: $ownerId) {
      succeeded
      failed {
        id
        code
        message
      }
    }
  }
`);

export const AccountsBulkTagMutation = graphql(`
  mutation AccountsBulkTag($ids: [ID!]!, $add: [String!]) {
    bulkTagAccounts(ids: $ids, add: $add) {
      succeeded
      failed {
        id
        code
        message
      }
    }
  }
`);

export const AccountsBulkReleaseMutation = graphql(`
  mutation AccountsBulkRelease($ids: [ID!]!, $reason: String!) {
    bulkReleaseAccounts(ids: $ids, reason: $reason) {
      succeeded
      failed {
        id
        code
        message
      }
    }
  }
`);

/** Users to pick an owner or a grantee from (sales and service managers, crm-admin). */
export const AccountsUserSearchQuery = graphql(`
  query AccountsUserSearch($search: String) {
    users(search: $search, first: 20) {
      edges {
        node {
          id
          displayName
          username
          active
        }
      }
    }
  }
`);

export const AccountsSavedViewsQuery = graphql(`
  query AccountsSavedViews($first: Int, $after: String) {
    savedAccountViews(first: $first, after: $after) {
      edges {
        node {
          id
          name
          ownerId
          shared
          search
          filter {
            ownerIds
            grades
            stages
            tags
            lastActivityBefore
            lastActivityAfter
            followUpDue
          }
          sort {
            field
            direction
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const AccountsSaveViewMutation = graphql(`
  mutation AccountsSaveView($input: SaveAccountViewInput!) {
    saveAccountView(input: $input) {
      id
      name
    }
  }
`);

export const AccountsDeleteViewMutation = graphql(`
  mutation AccountsDeleteView($id: ID!) {
    deleteAccountView(id: $id) {
      id
    }
  }
`);

export const AccountsCreateMutation = graphql(`
  mutation AccountsCreate($account: AccountInput!, $duplicatePolicy: DuplicatePolicy) {
    createAccount(input: { account: $account, duplicatePolicy: $duplicatePolicy }) {
      account {
        id
        name
      }
      duplicates {
        accountId
        name
        matchedOn
        account {
          id
          name
        }
      }
    }
  }
`);
