import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';
import { currentRequestContext, elapsedMs, logRequest, type Logger, type RequestLogLine } from '../logging';

/** What a handler deeper down learns about the request for its log line (the GraphQL operation, its errors). */
interface RequestNaming {
  protocol?: RequestLogLine['protocol'];
  route?: string;
  errorCodes?: string[];
}

const naming = new AsyncLocalStorage<RequestNaming>();

// Probes and scrapes come every few seconds from the kubelet and Prometheus: they would drown the requests.
const UNLOGGED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Names the current request's route for its log line, e.g. `mutation OpenTicket` (no-op outside requestLog). */
export function nameRequestRoute(protocol: RequestLogLine['protocol'], route: string): void {
  const current = naming.getStore();
  if (!current) return;
  current.protocol = protocol;
  current.route = route;
}

/** Adds GraphQL error codes to the current request's log line. */
export function noteRequestErrors(codes: string[]): void {
  const current = naming.getStore();
  if (current && codes.length) current.errorCodes = [...new Set(codes)];
}

/** The matched route's template (`/tickets/:id/attachments`), never the raw path with its ids or tokens. */
function routeTemplate(req: Request): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.method} ${req.baseUrl ?? ''}${path}` : `${req.method} (no route)`;
}

/**
 * One JSON line per HTTP request when its response is finished or the client went away: route template or GraphQL
 * operation, status, duration and the trace id of the request's server span.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (UNLOGGED_PATHS.has(req.path)) return next();
    const started = performance.now();
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    const requestId = currentRequestContext()?.requestId;
    const named: RequestNaming = {};
    // 'close' follows 'finish' on every response, and comes alone when the client went away first.
    res.once('close', () =>
      logRequest(logger, {
        protocol: named.protocol ?? 'http',
        route: named.route ?? routeTemplate(req),
        status: res.writableFinished ? res.statusCode : 499,
        durationMs: elapsedMs(started),
        traceId,
        errorCodes: named.errorCodes,
        requestId,
      }),
    );
    naming.run(named, next);
  };
}
