export {
  createLogger,
  redactPersonalData,
  maskCredentialLinks,
  runWithRequestContext,
  currentRequestContext,
  type RequestContext,
  type Logger,
} from './logger';
