import { DomainError, type DomainErrorCode } from './domain-errors';
import { toGraphQLError } from './graphql-errors';

const STATUS: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FAILED_PRECONDITION: 409,
};

/** The one mapping for plain HTTP routes (imports, exports): status and a JSON body with the same code as GraphQL. */
export function toHttpError(error: unknown): { status: number; body: { error: Record<string, unknown> } } {
  const mapped = toGraphQLError(error);
  const status = error instanceof DomainError ? STATUS[error.code] : 500;
  return { status, body: { error: { message: mapped.message, ...mapped.extensions } } };
}
