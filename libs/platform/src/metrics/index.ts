export { startEventLoopDelayMetrics } from './event-loop-delay';
export { recordRpcServerDuration } from './rpc-server-duration';
export { consumerMetrics, type ConsumerMetrics, type ConsumeOutcome } from './consumer-metrics';
export {
  startConsumerLagMetrics,
  type ConsumerLagMetrics,
  type ConsumerLagOptions,
  type LaggingConsumer,
} from './consumer-lag';
