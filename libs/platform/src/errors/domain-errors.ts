/** One problem with one input field: `path` names the field (e.g. ['account', 'emails', 2]). */
export interface FieldViolation {
  path: (string | number)[];
  rule: string;
  message: string;
}

/** Base of the few errors the domain raises; each maps once to gRPC and once to GraphQL. */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  readonly details: Record<string, unknown>;
  protected constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export type DomainErrorCode =
  'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'FAILED_PRECONDITION';

/** Bad input: names every field that broke a rule. Nothing was changed. */
export class InputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly violations: FieldViolation[];
  /** More for the client beside the violations (e.g. `missingFields` of a stage move), put in GraphQL extensions. */
  readonly extensions: Record<string, unknown>;
  constructor(violations: FieldViolation[], extensions: Record<string, unknown> = {}) {
    const first = violations[0];
    super(first ? `${formatPath(first.path)}: ${first.message}` : 'invalid input', {
      violations: violations.map((v) => ({ ...v, field: formatPath(v.path) })),
    });
    this.violations = violations;
    this.extensions = extensions;
  }

  static single(path: (string | number)[], rule: string, message: string): InputError {
    return new InputError([{ path, rule, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(entity: string, id: string) {
    super(`${entity} ${id} was not found`, { entity, id });
  }
}

/** The request conflicts with the current state (a stale version, a duplicate, a merged record). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

export class NotAllowedError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'not allowed', details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'authentication required', details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

/** The operation is valid but the record is not in a state that allows it (e.g. restoring a live account). */
export class PreconditionError extends DomainError {
  readonly code = 'FAILED_PRECONDITION' as const;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
