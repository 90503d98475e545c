import { GraphQLError } from 'graphql';
import { DomainError, InputError } from './domain-errors';

/** The one place a domain error becomes a GraphQL error: `extensions.code`, plus field paths for bad input. */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof InputError) {
    return new GraphQLError(error.message, {
      extensions: {
        ...error.extensions,
        code: error.code,
        field: error.details.violations && (error.details.violations as { field: string }[])[0]?.field,
        violations: error.details.violations,
      },
    });
  }
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
  }
  return new GraphQLError('internal error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
