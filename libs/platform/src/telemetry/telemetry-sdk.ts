import type { IncomingMessage } from 'node:http';
import type { Attributes } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import { maskCredentialLinks } from '../logging';
import { startEventLoopDelayMetrics } from '../metrics/event-loop-delay';

export type SpanProcessor = NonNullable<NodeSDKConfiguration['spanProcessors']>[number];

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** Replaces the OTLP export (tests pass an in-memory exporter's processor). */
  spanProcessors?: SpanProcessor[];
  /** Read from here instead of process.env (OTEL_EXPORTER_OTLP_ENDPOINT, METRICS_PORT). */
  env?: NodeJS.ProcessEnv;
}

export interface Telemetry {
  /** Where Prometheus scrapes (/metrics), when METRICS_PORT is set. */
  metricsPort?: number;
  /** Flushes pending spans and stops the metrics endpoint. */
  shutdown(): Promise<void>;
}

// Probes and scrapes would otherwise be most of the traces.
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function isProbe(request: IncomingMessage): boolean {
  return UNTRACED_PATHS.has((request.url ?? '').split('?')[0]);
}

/** A signed link's credential (a survey link's token) is in its path: the span keeps the path without it. */
function credentialFreePath(request: IncomingMessage): Attributes {
  const path = (request.url ?? '').split('?')[0];
  const masked = maskCredentialLinks(path);
  return masked === path ? {} : { [ATTR_URL_PATH]: masked };
}

function metricsPortFrom(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.METRICS_PORT;
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`METRICS_PORT must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

function instrumentations() {
  return [
    new HttpInstrumentation({ ignoreIncomingRequestHook: isProbe, startIncomingSpanHook: credentialFreePath }),
    new ExpressInstrumentation(),
    new GrpcInstrumentation(),
    new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    // Statement texts only, never their parameters: they carry personal data.
    new PgInstrumentation({ enhancedDatabaseReporting: false }),
  ];
}

// OpenTelemetry registers one global tracer provider per process; this module owns it.
let started: Telemetry | undefined;

/**
 * Starts the OpenTelemetry SDK. Must run before http, express, grpc, graphql or pg are loaded, hence the
 * `telemetry/register` preload. Traces go to OTEL_EXPORTER_OTLP_ENDPOINT over OTLP/HTTP when it is set and nowhere
 * otherwise; metrics are served for Prometheus on METRICS_PORT when it is set.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (started) return started;
  const env = options.env ?? process.env;
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const metricsPort = metricsPortFrom(env);

  const sdk = new NodeSDK({
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: options.serviceName,
        ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
      }),
    ),
    serviceName: options.serviceName,
    instrumentations: instrumentations(),
    // Explicit processors stop the SDK from defaulting to an OTLP exporter on localhost that nobody listens to.
    spanProcessors: options.spanProcessors ?? (otlpEndpoint ? undefined : []),
    traceExporter: !options.spanProcessors && otlpEndpoint ? new OTLPTraceExporter() : undefined,
    metricReaders:
      metricsPort === undefined
        ? []
        : // service_name on every series, so dashboards and alerts split by service without joining target_info.
          [new PrometheusExporter({ port: metricsPort, withResourceConstantLabels: /^service\.name$/ })],
    logRecordProcessors: [],
  });
  sdk.start();
  startEventLoopDelayMetrics();

  let stopped: Promise<void> | undefined;
  started = {
    metricsPort,
    shutdown: () => (stopped ??= sdk.shutdown()),
  };
  return started;
}

/** Flushes and stops telemetry started by startTelemetry (no-op if it was not started). */
export async function shutdownTelemetry(): Promise<void> {
  await started?.shutdown();
}
