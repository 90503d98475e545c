import { graphql } from '../../graphql/gen';
import type { AdminPipelinesQuery as AdminPipelinesData } from '../../graphql/gen/graphql';

export const AdminPipelinesQuery = graphql(`
  query AdminPipelines($first: Int, $after: String) {
    pipelines(first: $first, after: $after) {
      edges {
        node {
          id
          name
          businessLine
          isDefault
          version
          updatedAt
          stages {
            id
            name
            position
            kind
            probability
            forecastCategory
            entryCriteria
            idleDays
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
      totalCountIsEstimate
    }
  }
`);

/** One pipeline as the admin tab shows and edits it. */
export type AdminPipeline = AdminPipelinesData['pipelines']['edges'][number]['node'];

export const AdminCreatePipelineMutation = graphql(`
  mutation AdminCreatePipeline($input: CreatePipelineInput!) {
    createPipeline(input: $input) {
      id
      version
    }
  }
`);

export const AdminUpdatePipelineMutation = graphql(`
  mutation AdminUpdatePipeline($input: UpdatePipelineInput!) {
    updatePipeline(input: $input) {
      id
      version
    }
  }
`);

export const AdminArchivePipelineMutation = graphql(`
  mutation AdminArchivePipeline($id: ID!, $expectedVersion: Int) {
    archivePipeline(id: $id, expectedVersion: $expectedVersion) {
      id
      archivedAt
    }
  }
`);
