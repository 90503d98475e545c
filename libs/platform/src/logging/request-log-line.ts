import type { Logger } from 'pino';

/** The one log line of a request, on the gateway and every service: what an SRE filters and aggregates on. */
export interface RequestLogLine {
  protocol: 'http' | 'graphql' | 'grpc';
  /** Never a raw path: the route template, `<operation type> <operation name>` or the full RPC method. */
  route: string;
  /** The HTTP status code, or the gRPC status name. */
  status: number | string;
  durationMs: number;
  /** The request's trace, read where the request began (the logger's own mixin adds it only inside a span). */
  traceId?: string;
  /** GraphQL error codes of the response, when it has errors. */
  errorCodes?: string[];
  requestId?: string;
}

export const REQUEST_LOG_MESSAGE = 'request';

/** Writes the request's line: info, or warn for a server failure (HTTP 5xx, gRPC INTERNAL/UNKNOWN). */
export function logRequest(logger: Logger, line: RequestLogLine): void {
  const failed =
    typeof line.status === 'number' ? line.status >= 500 : line.status === 'INTERNAL' || line.status === 'UNKNOWN';
  const fields = Object.fromEntries(Object.entries(line).filter(([, value]) => value !== undefined));
  if (failed) logger.warn(fields, REQUEST_LOG_MESSAGE);
  else logger.info(fields, REQUEST_LOG_MESSAGE);
}

/** Milliseconds since `started` (a performance.now() reading), to a tenth. */
export function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
