import { graphql } from '../../graphql/gen';

export const LeadListQuery = graphql(`
  query LeadsList($filter: LeadFilter, $after: String) {
    leads(filter: $filter, first: 20, after: $after) {
      totalCount
      totalCountIsEstimate
      edges {
        cursor
        node {
          id
          companyName
          personName
          title
          email
          phone
          region
          source
          status
          ownerId
          owner {
            id
            displayName
          }
          teamId
          convertedAccountId
          convertedOpportunityId
          createdAt
          version
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const CreateLeadMutation = graphql(`
  mutation LeadsCreate($input: CreateLeadInput!) {
    createLead(input: $input) {
      id
      status
    }
  }
`);

export const QualifyLeadMutation = graphql(`
  mutation LeadsQualify($id: ID!) {
    qualifyLead(id: $id) {
      id
      status
      version
    }
  }
`);

export const DisqualifyLeadMutation = graphql(`
  mutation LeadsDisqualify($id: ID!, $reason: DisqualifyReason!, $note: String) {
    disqualifyLead(id: $id, reason: $reason, note: $note) {
      id
      status
      version
    }
  }
`);

export const AssignLeadMutation = graphql(`
  mutation LeadsAssign($id: ID!, $ownerId: ID!, $teamId: String) {
    assignLead(id: $id, ownerId: $ownerId, teamId: $teamId) {
      id
      ownerId
      owner {
        id
        displayName
      }
      teamId
      version
    }
  }
`);

export const ConversionCandidatesQuery = graphql(`
  query LeadsConversionCandidates($leadId: ID!) {
    leadConversionCandidates(leadId: $leadId) {
      accountId
      name
      matchedOn
    }
  }
`);

export const ConvertLeadMutation = graphql(`
  mutation LeadsConvert($input: ConvertLeadInput!) {
    convertLead(input: $input) {
      id
      state
      accountId
      contactId
      opportunityId
      lastError
    }
  }
`);

export const LeadAssigneesQuery = graphql(`
  query LeadsAssignees($search: String) {
    users(role: "sales-rep", search: $search, first: 50) {
      edges {
        node {
          id
          displayName
          active
          teamIds
        }
      }
    }
  }
`);
