import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import {
  ConflictError,
  DomainError,
  InputError,
  NotAllowedError,
  NotFoundError,
  PreconditionError,
  UnauthenticatedError,
  type DomainErrorCode,
  type FieldViolation,
} from './domain-errors';

const toStatus: Record<DomainErrorCode, status> = {
  BAD_USER_INPUT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  CONFLICT: status.ABORTED,
  FORBIDDEN: status.PERMISSION_DENIED,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
};

const DETAILS_KEY = 'crm-error-details-bin';

/** Maps any error to a gRPC ServiceError; unknown errors become INTERNAL without their message. */
export function toGrpcError(error: unknown): Partial<ServiceError> {
  const metadata = new Metadata();
  if (error instanceof DomainError) {
    metadata.set(DETAILS_KEY, Buffer.from(JSON.stringify({ code: error.code, details: error.details })));
    return { code: toStatus[error.code], details: error.message, message: error.message, metadata };
  }
  return { code: status.INTERNAL, details: 'internal error', message: 'internal error', metadata };
}

/** Rebuilds the domain error a peer service raised, so it keeps its meaning across the hop. */
export function fromGrpcError(error: ServiceError): Error {
  const raw = error.metadata?.get(DETAILS_KEY)[0];
  if (raw instanceof Buffer) {
    const { code, details } = JSON.parse(raw.toString()) as { code: DomainErrorCode; details: Record<string, unknown> };
    switch (code) {
      case 'BAD_USER_INPUT':
        return new InputError(
          ((details.violations ?? []) as FieldViolation[]).map(({ path, rule, message }) => ({ path, rule, message })),
        );
      case 'NOT_FOUND':
        return new NotFoundError(String(details.entity ?? 'record'), String(details.id ?? ''));
      case 'CONFLICT':
        return new ConflictError(error.details, details);
      case 'FORBIDDEN':
        return new NotAllowedError(error.details, details);
      case 'UNAUTHENTICATED':
        return new UnauthenticatedError(error.details, details);
      case 'FAILED_PRECONDITION':
        return new PreconditionError(error.details, details);
    }
  }
  return error;
}
