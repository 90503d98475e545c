export {
  createLogger,
  redactPersonalData,
  runWithRequestContext,
  currentRequestContext,
  type RequestContext,
  type Logger,
} from './logger';
