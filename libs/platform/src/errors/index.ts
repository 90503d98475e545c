export * from './domain-errors';
export { toGrpcError, fromGrpcError } from './grpc-status';
export { toGraphQLError } from './graphql-errors';
export { MAX_BYTES_RULE, MEDIA_TYPE_RULE, toHttpError } from './http-errors';
export { underInput } from './input-paths';
export { requireExpectedVersion } from './expected-version';
