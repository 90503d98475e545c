import { Metadata, status } from '@grpc/grpc-js';

/**
 * An infrastructure failure that must reach the caller with a specific gRPC code (e.g. UNAVAILABLE, so it retries).
 * Domain errors do not use this: they map through toGrpcError.
 */
export class GrpcStatusError extends Error {
  readonly code: status;
  readonly metadata: Metadata;
  constructor(code: status, message: string, metadata: Metadata = new Metadata()) {
    super(message);
    this.name = 'GrpcStatusError';
    this.code = code;
    this.metadata = metadata;
  }
}
