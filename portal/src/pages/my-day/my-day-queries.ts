import { graphql } from '../../graphql/gen';

export const FollowUpsQuery = graphql(`
  query MyDayFollowUps($ownerIds: [ID!]) {
    gradeA: accounts(filter: { followUpDue: true, grades: [A], ownerIds: $ownerIds }, first: 1) {
      totalCount
    }
    gradeB: accounts(filter: { followUpDue: true, grades: [B], ownerIds: $ownerIds }, first: 1) {
      totalCount
    }
    gradeC: accounts(filter: { followUpDue: true, grades: [C], ownerIds: $ownerIds }, first: 1) {
      totalCount
    }
    due: accounts(
      filter: { followUpDue: true, ownerIds: $ownerIds }
      sort: { field: FOLLOW_UP_DUE, direction: ASC }
      first: 8
    ) {
      totalCount
      totalCountIsEstimate
      edges {
        node {
          id
          name
          grade
          followUpDueAt
          lastActivityAt
        }
      }
    }
  }
`);

export const DealsQuery = graphql(`
  query MyDayDeals($ownerIds: [ID!], $today: Date!) {
    idle: opportunities(filter: { status: OPEN, idleOnly: true, ownerIds: $ownerIds }, first: 8) {
      totalCount
      edges {
        node {
          id
          name
          daysInStage
          stage {
            id
            name
            idleDays
          }
          amount {
            amount
            currencyCode
          }
        }
      }
    }
    closing: opportunities(
      filter: { status: OPEN, expectedCloseFrom: $today, expectedCloseTo: $today, ownerIds: $ownerIds }
      first: 8
    ) {
      totalCount
      edges {
        node {
          id
          name
          probability
          stage {
            id
            name
          }
          amount {
            amount
            currencyCode
          }
        }
      }
    }
  }
`);

export const SlaTicketsQuery = graphql(`
  query MyDaySlaTickets($agentId: ID) {
    tickets(
      filter: { openOnly: true, slaStates: [AT_RISK, BREACHED], agentId: $agentId }
      sort: NEXT_DEADLINE
      first: 8
    ) {
      totalCount
      edges {
        node {
          id
          number
          subject
          priority
          complaint
          teamId
          queue {
            id
            name
          }
          sla {
            state
            nextDeadline
          }
        }
      }
    }
  }
`);

export const ApprovalsQuery = graphql(`
  query MyDayApprovals {
    quotesAwaitingMyApproval(first: 20) {
      totalCount
      edges {
        node {
          id
          version
          total {
            amount
            currencyCode
          }
          maxDiscountPercent
          submittedAt
          opportunity {
            id
            name
          }
        }
      }
    }
  }
`);

export const AccessRequestsQuery = graphql(`
  query MyDayAccessRequests {
    accessRequests(first: 20) {
      totalCount
      edges {
        node {
          id
          accountId
          access
          reason
          requestedAt
          account {
            id
            name
          }
        }
      }
    }
  }
`);
