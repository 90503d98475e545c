export {
  listParkedMessages,
  replayParkedMessages,
  type ParkedMessage,
  type ReplayOptions,
  type ReplayResult,
} from './dead-letter-replay';
export { resyncProjection, type ProjectionSource, type ResyncOptions, type ResyncResult } from './projection-resync';
export { accountFactsProjection } from './account-facts-projection-source';
export {
  runOperationsCommand,
  operationsMain,
  OPERATIONS_USAGE,
  UsageError,
  type OperationsCommandOptions,
} from './operations-command';
export { rewindConsumer, ConsumerBusyError, type RewindResult } from './consumer-rewind';
