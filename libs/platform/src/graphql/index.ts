export { createSubgraphServer, inRequestContext, type SubgraphOptions, type SubgraphServer } from './subgraph-server';
