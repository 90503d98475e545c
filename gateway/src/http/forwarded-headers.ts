import type { Request } from 'express';
import { REQUEST_ID_HEADER } from './request-id';

/** Headers every subgraph request carries on behalf of the caller: identity and the W3C trace context. */
export const FORWARDED_FROM_CALLER: readonly string[] = ['authorization', 'traceparent', 'tracestate'];

/** The headers to send to the subgraphs for this request, including the gateway's request id. */
export function forwardedHeaders(req: Request, requestId: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_FROM_CALLER) {
    const value = req.get(name);
    if (value) headers[name] = value;
  }
  headers[REQUEST_ID_HEADER] = requestId;
  return headers;
}
