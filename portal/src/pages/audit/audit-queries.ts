import { graphql } from '../../graphql/gen';

/** The service whose audit log is read: each keeps its own hash-chained log. */
export type AuditService = 'customer' | 'sales' | 'ticket';
export const AUDIT_SERVICES: readonly AuditService[] = ['customer', 'sales', 'ticket'];

/** The @include switches that pick one service's root field in the queries below. */
export function serviceSwitches(service: AuditService): { customer: boolean; sales: boolean; ticket: boolean } {
  return { customer: service === 'customer', sales: service === 'sales', ticket: service === 'ticket' };
}

export const AuditChainStatusQuery = graphql(`
  query AuditChainStatus($customer: Boolean!, $sales: Boolean!, $ticket: Boolean!) {
    customerAuditChainStatus @include(if: $customer) {
      ...AuditChain
    }
    salesAuditChainStatus @include(if: $sales) {
      ...AuditChain
    }
    ticketAuditChainStatus @include(if: $ticket) {
      ...AuditChain
    }
  }

  fragment AuditChain on AuditChainStatus {
    ok
    rows
    lastSeq
    lastHash
    firstBrokenSeq
    reason
    message
    checkpoint {
      ok
      seq
      hash
      at
      message
    }
    restores {
      seq
      at
      by
      reason
      fromCheckpoint
      restoredHeadSeq
    }
  }
`);

export const AuditTrailQuery = graphql(`
  query AuditTrail(
    $customer: Boolean!
    $sales: Boolean!
    $ticket: Boolean!
    $entityType: String
    $entityId: ID
    $actorId: String
    $action: String
    $from: DateTime
    $to: DateTime
    $after: String
  ) {
    customerAuditTrail(
      entityType: $entityType
      entityId: $entityId
      actorId: $actorId
      action: $action
      from: $from
      to: $to
      first: 25
      after: $after
    ) @include(if: $customer) {
      ...AuditTrailPage
    }
    salesAuditTrail(
      entityType: $entityType
      entityId: $entityId
      actorId: $actorId
      action: $action
      from: $from
      to: $to
      first: 25
      after: $after
    ) @include(if: $sales) {
      ...AuditTrailPage
    }
    ticketAuditTrail(
      entityType: $entityType
      entityId: $entityId
      actorId: $actorId
      action: $action
      from: $from
      to: $to
      first: 25
      after: $after
    ) @include(if: $ticket) {
      ...AuditTrailPage
    }
  }

  fragment AuditTrailPage on AuditRecordConnection {
    pageInfo {
      endCursor
      hasNextPage
    }
    edges {
      node {
        id
        seq
        occurredAt
        actor {
          id
          roles
          clientId
          sourceIp
        }
        requestId
        action
        entityType
        entityId
        changes {
          field
          before
          after
        }
        details
        hash
      }
    }
  }
`);

export const AuditFieldHistoryQuery = graphql(`
  query AuditFieldHistory(
    $customer: Boolean!
    $sales: Boolean!
    $ticket: Boolean!
    $entityType: String!
    $entityId: ID!
    $field: String
    $after: String
  ) {
    customerFieldHistory(entityType: $entityType, entityId: $entityId, field: $field, first: 25, after: $after)
      @include(if: $customer) {
      ...AuditFieldHistoryPage
    }
    salesFieldHistory(entityType: $entityType, entityId: $entityId, field: $field, first: 25, after: $after)
      @include(if: $sales) {
      ...AuditFieldHistoryPage
    }
    ticketFieldHistory(entityType: $entityType, entityId: $entityId, field: $field, first: 25, after: $after)
      @include(if: $ticket) {
      ...AuditFieldHistoryPage
    }
  }

  fragment AuditFieldHistoryPage on FieldChangeConnection {
    pageInfo {
      endCursor
      hasNextPage
    }
    edges {
      node {
        seq
        occurredAt
        actorId
        action
        field
        before
        after
        requestId
      }
    }
  }
`);
