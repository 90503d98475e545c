import { DomainError, InputError, type DomainErrorCode } from './domain-errors';
import { toGraphQLError } from './graphql-errors';

const STATUS: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FAILED_PRECONDITION: 409,
};

/** The InputError rule of a body over its size limit (HTTP 413). */
export const MAX_BYTES_RULE = 'max_bytes';
/** The InputError rule of a body whose bytes are not an allowed type (HTTP 415). */
export const MEDIA_TYPE_RULE = 'media_type';

// Bad input about the body as a whole has its own HTTP status, so that clients and proxies can tell it apart.
const STATUS_OF_RULE: Record<string, number> = { [MAX_BYTES_RULE]: 413, [MEDIA_TYPE_RULE]: 415 };

function statusOf(error: unknown): number {
  if (!(error instanceof DomainError)) return 500;
  if (error instanceof InputError && error.violations.length === 1) {
    const byRule = STATUS_OF_RULE[error.violations[0].rule];
    if (byRule) return byRule;
  }
  return STATUS[error.code];
}

/** The one mapping for plain HTTP routes (imports, exports): status and a JSON body with the same code as GraphQL. */
export function toHttpError(error: unknown): { status: number; body: { error: Record<string, unknown> } } {
  const mapped = toGraphQLError(error);
  return { status: statusOf(error), body: { error: { message: mapped.message, ...mapped.extensions } } };
}
