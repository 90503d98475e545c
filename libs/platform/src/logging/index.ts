export {
  createLogger,
  redactPersonalData,
  maskCredentialLinks,
  runWithRequestContext,
  currentRequestContext,
  type RequestContext,
  type Logger,
} from './logger';
export { logRequest, elapsedMs, REQUEST_LOG_MESSAGE, type RequestLogLine } from './request-log-line';
