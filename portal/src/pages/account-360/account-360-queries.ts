import { graphql } from '../../graphql/gen';

export const Account360Query = graphql(`
  query Account360($id: ID!) {
    account(id: $id) {
      id
      name
      taxId
      industry
      size
      website
      addresses {
        kind
        line1
        line2
        city
        region
        postalCode
        countryCode
      }
      phones
      emails
      tags
      grade
      lifecycleStage
      ownerId
      owner {
        id
        displayName
      }
      followUpDueAt
      teamId
      customFields
      description
      lastActivityAt
      ownerSince
      deletedAt
      mergedIntoId
      version
      creditLimit {
        amount
        currencyCode
      }
      paymentTerms
      bankName
      bankAccount
      taxRegistration
      gradeSuggestion {
        grade
        score
        reasons
      }
    }
  }
`);

export const Account360CustomFieldsQuery = graphql(`
  query Account360CustomFields($first: Int, $after: String) {
    customFieldDefinitions(objectType: ACCOUNT, first: $first, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          key
          label
          type
        }
      }
    }
  }
`);

export const Account360ContactsQuery = graphql(`
  query Account360Contacts($id: ID!, $after: String) {
    account(id: $id) {
      id
      contacts(first: 20, after: $after) {
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
            title
            role
            phones
            emails
            preferredChannel
            version
          }
        }
      }
    }
  }
`);

export const Account360TimelineQuery = graphql(`
  query Account360Timeline($id: ID!, $activitiesAfter: String, $dealsAfter: String, $ticketsAfter: String) {
    account(id: $id) {
      id
      timeline(first: 20, after: $activitiesAfter) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            kind
            occurredAt
            title
            action
            actor {
              id
              displayName
            }
            changes {
              field
              before
              after
              beforeUser {
                id
                displayName
              }
              afterUser {
                id
                displayName
              }
            }
            activity {
              id
              kind
              subject
              outcome
              nextFollowUpAt
            }
          }
        }
      }
      opportunities(first: 20, after: $dealsAfter) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            name
            status
            createdAt
            closedAt
            amount {
              amount
              currencyCode
            }
          }
        }
      }
      tickets(first: 20, after: $ticketsAfter) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            number
            subject
            status
            createdAt
          }
        }
      }
    }
  }
`);

export const Account360LogActivityMutation = graphql(`
  mutation Account360LogActivity($input: LogActivityInput!) {
    logActivity(input: $input) {
      id
      accountId
      occurredAt
    }
  }
`);

export const Account360CreateContactMutation = graphql(`
  mutation Account360CreateContact($input: ContactInput!) {
    createContact(input: $input) {
      id
      name
    }
  }
`);

export const Account360UpdateContactMutation = graphql(`
  mutation Account360UpdateContact($id: ID!, $contact: ContactInput!, $expectedVersion: Int) {
    updateContact(input: { id: $id, contact: $contact, expectedVersion: $expectedVersion }) {
      id
      name
      version
    }
  }
`);

export const Account360ShareMutation = graphql(`
  mutation Account360Share($input: ShareAccountInput!) {
    shareAccount(input: $input) {
      id
      granteeId
      access
      expiresAt
    }
  }
`);

export const Account360RequestAccessMutation = graphql(`
  mutation Account360RequestAccess($input: RequestAccountAccessInput!) {
    requestAccountAccess(input: $input) {
      id
      status
    }
  }
`);

export const Account360SimilarQuery = graphql(`
  query Account360Similar($search: String!) {
    accounts(search: $search, first: 6) {
      edges {
        node {
          id
          name
          taxId
          ownerId
        }
      }
    }
  }
`);

export const Account360MergeMutation = graphql(`
  mutation Account360Merge($winnerId: ID!, $loserId: ID!) {
    mergeAccounts(input: { winnerId: $winnerId, loserId: $loserId }) {
      id
      version
    }
  }
`);
