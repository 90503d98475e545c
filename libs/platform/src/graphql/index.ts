export { createSubgraphServer, inRequestContext, type SubgraphOptions, type SubgraphServer } from './subgraph-server';
export type { SubgraphResolverMap } from './subgraph-resolvers';
export { redact, redactedFieldsPlugin, type RedactedField, type RedactionContext } from './redacted-fields';
export { DateTimeScalar, DateScalar, JsonScalar, scalarResolvers } from './scalars';
export {
  childConnection,
  connection,
  countedConnection,
  totalCountResolvers,
  type Connection,
  type CountedConnection,
} from './connection';
export {
  byIdLoader,
  childCountsLoader,
  childPagesLoader,
  type ChildCounts,
  type ChildPages,
  type PageArgs,
} from './loaders';
export { sharedSdlDir, subgraphSdlFiles, subgraphTypeDefs } from './subgraph-type-defs';
export { mergeResolverMaps } from './merge-resolvers';
export { nullWhenNotFound } from './single-record';
export { operationLogPlugin } from './operation-log-plugin';
