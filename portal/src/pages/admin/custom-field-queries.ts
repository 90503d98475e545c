import { graphql } from '../../graphql/gen';

export const AdminCustomFieldsQuery = graphql(`
  query AdminCustomFields($objectType: CustomObjectType!, $after: String) {
    customFieldDefinitions(objectType: $objectType, includeArchived: true, first: 50, after: $after) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          objectType
          key
          label
          type
          required
          options
          min
          max
          maxLength
          pattern
          patternEnforced
          archivedAt
        }
      }
    }
  }
`);

export const AdminDefineCustomFieldMutation = graphql(`
  mutation AdminDefineCustomField($input: CustomFieldDefinitionInput!) {
    defineCustomField(input: $input) {
      id
    }
  }
`);

export const AdminArchiveCustomFieldMutation = graphql(`
  mutation AdminArchiveCustomField($id: ID!) {
    archiveCustomField(id: $id) {
      id
      archivedAt
    }
  }
`);

export const AdminUnarchiveCustomFieldMutation = graphql(`
  mutation AdminUnarchiveCustomField($id: ID!) {
    unarchiveCustomField(id: $id) {
      id
      archivedAt
    }
  }
`);
