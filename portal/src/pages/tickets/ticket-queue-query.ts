import { graphql } from '../../graphql/gen';

/** One page of the queue: what a row shows, with the clock its countdown runs on. */
export const TicketQueueQuery = graphql(`
  query TicketsQueue($filter: TicketFilter, $sort: TicketSort, $first: Int, $after: String) {
    tickets(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          number
          subject
          priority
          complaint
          status
          teamId
          queue {
            id
            name
          }
          agentId
          agent {
            id
            displayName
          }
          createdAt
          accountId
          account {
            id
            name
          }
          sla {
            nextDeadline
            state
            firstResponse {
              deadline
              warningAt
              paused
            }
            nextResponse {
              deadline
              warningAt
              paused
            }
            resolution {
              deadline
              warningAt
              paused
            }
          }
        }
      }
    }
  }
`);

export const TicketsClaimMutation = graphql(`
  mutation TicketsClaim($id: ID!) {
    claimTicket(id: $id) {
      id
      number
      status
      agentId
      version
    }
  }
`);

export const TicketsAssignMutation = graphql(`
  mutation TicketsAssign($id: ID!, $agentId: ID) {
    assignTicket(id: $id, agentId: $agentId) {
      id
      number
      status
      agentId
      version
    }
  }
`);
