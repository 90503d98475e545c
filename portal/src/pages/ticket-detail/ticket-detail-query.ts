import { graphql } from '../../graphql/gen';

/** Everything the ticket page shows, in one request (history and messages: the newest 20). */
export const TicketDetailQuery = graphql(`
  query TicketDetail($id: ID!) {
    ticket(id: $id) {
      id
      number
      subject
      description
      channel
      category
      priority
      complaint
      status
      accountId
      account {
        id
        name
      }
      contactId
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
      requesterEmail
      resolutionSummary
      rootCauseCategory
      resolvedAt
      closedAt
      reopenableUntil
      createdBy
      createdAt
      version
      history(first: 20) {
        edges {
          node {
            id
            fromStatus
            toStatus
            at
            actorId
            actor {
              id
              displayName
            }
            reason
          }
        }
      }
      attachments {
        id
        fileName
        contentType
        sizeBytes
        uploadedBy
        uploader {
          id
          displayName
        }
        uploadedAt
        downloadPath
      }
      sla {
        policy {
          id
          name
        }
        grade
        nextDeadline
        computedAt
        recomputePending
        firstResponse {
          ...TicketDetailClock
        }
        nextResponse {
          ...TicketDetailClock
        }
        resolution {
          ...TicketDetailClock
        }
      }
      survey {
        id
        status
        rating
        comment
        sentAt
        answeredAt
        expiresAt
      }
    }
  }

  fragment TicketDetailClock on SlaTargetClock {
    target
    state
    deadline
    warningAt
    elapsedBusinessMinutes
    targetBusinessMinutes
    paused
    breached
  }
`);

export const TicketDetailMessagesQuery = graphql(`
  query TicketDetailMessages($id: ID!, $after: String) {
    ticket(id: $id) {
      id
      messages(first: 20, after: $after) {
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            id
            kind
            author
            authorUser {
              id
              displayName
            }
            body
            createdAt
          }
        }
      }
    }
  }
`);

/** The fields every mutation below returns, so the page's cached ticket updates in place. */
export const TicketDetailChangeStatusMutation = graphql(`
  mutation TicketDetailChangeStatus($id: ID!, $status: TicketStatus!, $resolution: TicketResolutionInput) {
    changeTicketStatus(id: $id, status: $status, resolution: $resolution) {
      id
      status
      version
    }
  }
`);

export const TicketDetailReopenMutation = graphql(`
  mutation TicketDetailReopen($id: ID!, $reason: String!) {
    reopenTicket(id: $id, reason: $reason) {
      id
      status
      version
    }
  }
`);

export const TicketDetailAddMessageMutation = graphql(`
  mutation TicketDetailAddMessage($ticketId: ID!, $kind: TicketMessageKind!, $body: String!) {
    addTicketMessage(ticketId: $ticketId, kind: $kind, body: $body) {
      id
      version
    }
  }
`);

export const TicketDetailDeleteAttachmentMutation = graphql(`
  mutation TicketDetailDeleteAttachment($id: ID!) {
    deleteTicketAttachment(id: $id) {
      id
      ticketId
      deletedAt
    }
  }
`);

export const TicketDetailRootCausesQuery = graphql(`
  query TicketDetailRootCauses {
    ticketRootCauseCategories
  }
`);
