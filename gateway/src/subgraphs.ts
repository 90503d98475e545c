/** One subgraph of the supergraph: where its SDL lives and how the gateway reaches it. */
export interface SubgraphDefinition {
  /** The subgraph's name in the supergraph (join__Graph). */
  readonly name: string;
  /** Its SDL file, or a folder whose *.graphql files together are the SDL; relative to the repository root. */
  readonly sdlPath: string;
  /** The environment variable holding its GraphQL endpoint at run time. */
  readonly urlEnv: string;
  /** The endpoint used for local development and written into the committed supergraph. */
  readonly defaultUrl: string;
}

/** THE list of subgraphs: a service joins the graph by adding one entry here (then run the compose script). */
export const subgraphs: readonly SubgraphDefinition[] = [
  {
    name: 'customer',
    sdlPath: 'services/customer/src/graphql',
    urlEnv: 'CUSTOMER_SUBGRAPH_URL',
    defaultUrl: 'http://127.0.0.1:4001/graphql',
  },
  {
    name: 'sales-pipeline',
    sdlPath: 'services/sales-pipeline/src/graphql',
    urlEnv: 'SALES_SUBGRAPH_URL',
    defaultUrl: 'http://127.0.0.1:4002/graphql',
  },
  {
    name: 'service-ticket',
    sdlPath: 'services/service-ticket/src/graphql',
    urlEnv: 'TICKET_SUBGRAPH_URL',
    defaultUrl: 'http://127.0.0.1:4003/graphql',
  },
];
