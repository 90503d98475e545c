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
          teamId
          phones
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

export const AccountsAssignMutation = graphql(`
  mutation AccountsAssign($id: ID!, $ownerId: ID!, $expectedVersion: Int) {
    updateAccount(input: { id: $id, account: { ownerId: $ownerId }, expectedVersion: $expectedVersion }) {
      id
      ownerId
      version
    }
  }
`);

export const AccountsTagMutation = graphql(`
  mutation AccountsTag($id: ID!, $tags: [String!]!, $expectedVersion: Int) {
    updateAccount(input: { id: $id, account: { tags: $tags }, expectedVersion: $expectedVersion }) {
      id
      tags
      version
    }
  }
`);

export const AccountsReleaseMutation = graphql(`
  mutation AccountsRelease($accountId: ID!, $reason: String!) {
    releaseAccount(input: { accountId: $accountId, reason: $reason }) {
      id
      ownerId
      version
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
