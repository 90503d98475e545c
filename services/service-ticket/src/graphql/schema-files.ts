import type { DocumentNode } from 'graphql';
import { subgraphTypeDefs } from '@crm/platform/graphql';

/** This folder's *.graphql files, schema.graphql first: the subgraph SDL (the gateway composes the same files). */
export function ticketTypeDefs(dir = __dirname): DocumentNode {
  return subgraphTypeDefs(dir);
}
