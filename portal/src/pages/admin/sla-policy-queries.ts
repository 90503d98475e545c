import { graphql } from '../../graphql/gen';

export const AdminDefineSlaPolicyMutation = graphql(`
  mutation AdminDefineSlaPolicy($input: SlaPolicyInput!) {
    defineSlaPolicy(input: $input) {
      id
      version
    }
  }
`);

export const AdminUpdateSlaPolicyMutation = graphql(`
  mutation AdminUpdateSlaPolicy($id: ID!, $expectedVersion: Int!, $input: SlaPolicyInput!) {
    updateSlaPolicy(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`);
