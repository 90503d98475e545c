import { context, propagation, type Context } from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';

/** Adds the W3C `traceparent`/`tracestate` of the active OpenTelemetry context to `record` (no-op without a span). */
export function injectTraceHeaders(record: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), record);
  return record;
}

/** The OpenTelemetry context carried by a message's headers (there is no NATS instrumentation, so this is by hand). */
export function extractTraceContext(natsHeaders: MsgHdrs | undefined): Context {
  if (!natsHeaders) return context.active();
  return propagation.extract(context.active(), natsHeaders, {
    keys: (carrier) => carrier.keys(),
    get: (carrier, key) => (carrier.has(key) ? carrier.get(key) : undefined),
  });
}
