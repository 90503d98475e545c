import { randomUUID } from 'node:crypto';
import { status, type handleUnaryCall, type Metadata, type ServerErrorResponse } from '@grpc/grpc-js';
import { toGrpcError } from '../errors';
import { trace } from '@opentelemetry/api';
import { elapsedMs, logRequest, runWithRequestContext, type Logger, type RequestContext } from '../logging';
import { recordRpcServerDuration } from '../metrics/rpc-server-duration';
import type { CallContext } from './call-context';
import { runWithCallContext } from './current-call';
import { GrpcStatusError } from './grpc-status-error';
import type { InFlightCalls } from './in-flight-calls';
import { anonymous, type Authenticate } from './principal';

/** A handler as services write it: a plain async function of the request. */
export type UnaryHandler<Req, Res> = (request: Req, ctx: CallContext) => Promise<Res>;

export interface UnaryHandlerOptions {
  logger: Logger;
  /** Reads the caller's identity from metadata; anonymous (null) unless given. */
  authenticate?: Authenticate;
  /** Counts the call while it runs, so shutdown can drain it (pass the server's `calls`). */
  calls?: InFlightCalls;
}

export const REQUEST_ID_HEADER = 'x-request-id';
// Caller-supplied ids end up in every log line: accept only short, plain tokens.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(metadata: Metadata): string {
  const value = metadata.get(REQUEST_ID_HEADER)[0];
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

function deadlineFrom(deadline: Date | number): Date | null {
  if (deadline instanceof Date) return deadline;
  return Number.isFinite(deadline) ? new Date(deadline) : null;
}

function toServiceError(error: unknown): ServerErrorResponse {
  if (error instanceof GrpcStatusError) {
    return Object.assign(new Error(error.message), {
      code: error.code,
      details: error.message,
      metadata: error.metadata,
    });
  }
  const mapped = toGrpcError(error);
  return Object.assign(new Error(mapped.details ?? 'internal error'), mapped);
}

/**
 * Wraps a plain async handler into a grpc-js unary handler: request id and identity in context, errors mapped once
 * (unknown errors become INTERNAL and are logged with their stack, never sent), one log line per call without bodies (logRequest).
 */
export function handleUnary<Req, Res>(
  handler: UnaryHandler<Req, Res>,
  options: UnaryHandlerOptions,
): handleUnaryCall<Req, Res> {
  const { logger, authenticate = anonymous, calls } = options;
  return (call, callback) => {
    const started = performance.now();
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    const method = call.getPath();
    const requestId = requestIdFrom(call.metadata);
    const controller = new AbortController();
    const onCancelled = () => controller.abort(new GrpcStatusError(status.CANCELLED, 'the caller cancelled the call'));
    call.once('cancelled', onCancelled);
    calls?.begin();

    const requestContext: RequestContext = { requestId };
    void runWithRequestContext(requestContext, async () => {
      let code: status = status.OK;
      try {
        const principal = await authenticate(call.metadata);
        requestContext.actorId = principal?.subject;
        const ctx: CallContext = {
          requestId,
          principal,
          metadata: call.metadata,
          deadline: deadlineFrom(call.getDeadline()),
          peer: call.getPeer(),
          signal: controller.signal,
        };
        const response = await runWithCallContext(ctx, () => handler(call.request, ctx));
        callback(null, response);
      } catch (error) {
        const serviceError = toServiceError(error);
        code = serviceError.code ?? status.UNKNOWN;
        if (code === status.INTERNAL && !call.cancelled) logger.error({ err: error, method }, 'grpc handler failed');
        callback(serviceError);
      } finally {
        call.off('cancelled', onCancelled);
        calls?.end();
        const durationMs = elapsedMs(started);
        recordRpcServerDuration(method, code, durationMs);
        logRequest(logger, {
          protocol: 'grpc',
          route: method,
          status: call.cancelled ? 'CANCELLED' : status[code],
          durationMs,
          traceId,
          requestId,
        });
      }
    });
  };
}
