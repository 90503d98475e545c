import { context, propagation, SpanKind, trace, type Context } from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';

const tracer = trace.getTracer('@crm/platform/bus');

/** Adds the W3C `traceparent`/`tracestate` of the active OpenTelemetry context to `record` (no-op without a span). */
export function injectTraceHeaders(record: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), record);
  return record;
}

/**
 * Records the creation of outbox messages as a PRODUCER span under the active one (the write's request) and returns
 * the headers that carry it: the consumer's span becomes its child, so a trace shows where the event came from even
 * though the relay publishes it later, outside that request.
 */
export function messageCreationHeaders(
  destination: string,
  attributes: Record<string, string | number> = {},
): Record<string, string> {
  const span = tracer.startSpan(`${destination} create`, {
    kind: SpanKind.PRODUCER,
    attributes: { 'messaging.system': 'nats', 'messaging.operation.type': 'create', ...attributes },
  });
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  span.end();
  return headers;
}

/** The OpenTelemetry context carried by a message's headers (there is no NATS instrumentation, so this is by hand). */
export function extractTraceContext(natsHeaders: MsgHdrs | undefined): Context {
  if (!natsHeaders) return context.active();
  return propagation.extract(context.active(), natsHeaders, {
    keys: (carrier) => carrier.keys(),
    get: (carrier, key) => (carrier.has(key) ? carrier.get(key) : undefined),
  });
}
