export { createSubgraphServer, inRequestContext, type SubgraphOptions, type SubgraphServer } from './subgraph-server';
export { redact, redactedFieldsPlugin, type RedactedField, type RedactionContext } from './redacted-fields';
