import type { CombinedError } from 'urql';
import { newTraceContext } from './traceparent';

/** The trace id each answer (or thrown network error) belongs to, so an error shown later can name it. */
const traceIds = new WeakMap<object, string>();

/** `fetch` with a new `traceparent` per call: each request is its own trace, starting in the browser. */
export async function tracedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const trace = newTraceContext();
  const headers = new Headers(init?.headers);
  headers.set('traceparent', trace.traceparent);
  try {
    const response = await fetch(input, { ...init, headers });
    traceIds.set(response, trace.traceId);
    return response;
  } catch (error) {
    if (typeof error === 'object' && error !== null) traceIds.set(error, trace.traceId);
    throw error;
  }
}

/** The trace id of the request behind a failed GraphQL result, when the portal sent one. */
export function traceIdOfError(error: CombinedError): string | undefined {
  const response: unknown = error.response;
  if (typeof response === 'object' && response !== null) {
    const id = traceIds.get(response);
    if (id) return id;
  }
  return error.networkError ? traceIds.get(error.networkError) : undefined;
}

/** Sets a new `traceparent` on an XHR (uploads, for their progress events) and returns its trace id. */
export function traceXhr(xhr: XMLHttpRequest): string {
  const trace = newTraceContext();
  xhr.setRequestHeader('traceparent', trace.traceparent);
  return trace.traceId;
}
