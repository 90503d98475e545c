// Preload entry: `node --import @crm/platform/telemetry/register main.js`, so instrumentation precedes every import.
import { startTelemetry } from './telemetry-sdk';

const serviceName = process.env.OTEL_SERVICE_NAME;
if (!serviceName) process.stderr.write('telemetry: OTEL_SERVICE_NAME is not set, spans name no service\n');

startTelemetry({
  serviceName: serviceName || 'unknown_service:node',
  serviceVersion: process.env.OTEL_SERVICE_VERSION ?? process.env.npm_package_version,
});
