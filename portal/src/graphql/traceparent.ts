/** A W3C trace context (version 00, sampled) the portal starts for one request: the gateway continues it. */
export interface TraceContext {
  /** 32 lowercase hex digits: what a user quotes as the reference and an SRE searches for. */
  readonly traceId: string;
  /** 16 lowercase hex digits: the browser's (unrecorded) span, the gateway's span's parent. */
  readonly parentId: string;
  /** The `traceparent` header's value: `00-<traceId>-<parentId>-01`. */
  readonly traceparent: string;
}

/** Fills the array with random bytes (the browser's CSPRNG by default). */
export type RandomFill = (bytes: Uint8Array) => unknown;

const fillFromCrypto: RandomFill = (bytes) => crypto.getRandomValues(bytes);

/** A fresh trace context per request; an all-zero id (invalid in W3C Trace Context) is drawn again. */
export function newTraceContext(fill: RandomFill = fillFromCrypto): TraceContext {
  const traceId = nonZeroHex(16, fill);
  const parentId = nonZeroHex(8, fill);
  return { traceId, parentId, traceparent: `00-${traceId}-${parentId}-01` };
}

function nonZeroHex(length: number, fill: RandomFill): string {
  const bytes = new Uint8Array(length);
  do fill(bytes);
  while (bytes.every((b) => b === 0));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
