import { graphql } from '../../graphql/gen';

export const AdminPipelinesQuery = graphql(`
  query AdminPipelines {
    pipelines {
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
`);

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
