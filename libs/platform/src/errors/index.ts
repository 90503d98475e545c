export * from './domain-errors';
export { toGrpcError, fromGrpcError } from './grpc-status';
export { toGraphQLError } from './graphql-errors';
export { toHttpError } from './http-errors';
export { underInput } from './input-paths';
export { requireExpectedVersion } from './expected-version';
