export {
  startTelemetry,
  shutdownTelemetry,
  type Telemetry,
  type TelemetryOptions,
  type SpanProcessor,
} from './telemetry-sdk';
