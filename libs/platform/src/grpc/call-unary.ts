import { Metadata, type CallOptions, type ClientUnaryCall, type ServiceError } from '@grpc/grpc-js';
import { fromGrpcError } from '../errors';
import { addCallerMetadata, effectiveDeadline } from './caller-metadata';

/** A generated client's unary method (bound to its client, as createGrpcClient leaves them). */
export type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => ClientUnaryCall;

export interface CallUnaryOptions {
  metadata?: Metadata;
  /** Overrides the client's default deadline for this call. */
  deadlineMs?: number;
  /** Cancels the call when aborted (pass the handler's ctx.signal). */
  signal?: AbortSignal;
}

/** Calls a unary method as a promise; a domain error raised by the peer comes back as the same domain error. */
export function callUnary<Req, Res>(
  method: UnaryMethod<Req, Res>,
  request: Req,
  options: CallUnaryOptions = {},
): Promise<Res> {
  const metadata = addCallerMetadata(options.metadata?.clone() ?? new Metadata());
  const callOptions: Partial<CallOptions> =
    options.deadlineMs === undefined ? {} : { deadline: effectiveDeadline(options.deadlineMs) };
  return new Promise<Res>((resolve, reject) => {
    const call = method(request, metadata, callOptions, (error, response) => {
      options.signal?.removeEventListener('abort', cancel);
      if (error) reject(fromGrpcError(error));
      else resolve(response);
    });
    function cancel() {
      call.cancel();
    }
    if (options.signal?.aborted) cancel();
    else options.signal?.addEventListener('abort', cancel, { once: true });
  });
}
