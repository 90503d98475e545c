import { metrics, type BatchObservableCallback } from '@opentelemetry/api';
import type { Bus } from '../bus/bus-connection';
import type { Logger } from '../logging';
import { consumerAttributes } from './consumer-metrics';

const meter = metrics.getMeter('@crm/platform/bus');
const lagGauge = meter.createObservableGauge('crm.messaging.consumer.lag', {
  description: 'Events in the stream not yet delivered to the durable consumer (JetStream num_pending)',
  unit: '{message}',
});
const ackPendingGauge = meter.createObservableGauge('crm.messaging.consumer.ack_pending', {
  description: 'Events delivered to the durable consumer and not yet acknowledged (JetStream num_ack_pending)',
  unit: '{message}',
});

export interface LaggingConsumer {
  stream: string;
  durable: string;
}

export interface ConsumerLagOptions {
  bus: Bus;
  consumers: LaggingConsumer[];
  logger: Logger;
  /** How often the consumers' info is read from JetStream; default 15 s (a scrape never waits on NATS). */
  pollIntervalMs?: number;
}

export interface ConsumerLagMetrics {
  /** Reads every consumer's info now (the poll does this on its interval). */
  poll(): Promise<void>;
  stop(): void;
}

/** Polls each durable consumer's pending counts and serves the last ones read as gauges. */
export function startConsumerLagMetrics(options: ConsumerLagOptions): ConsumerLagMetrics {
  const { bus, consumers, logger } = options;
  const last = new Map<string, { consumer: LaggingConsumer; pending: number; ackPending: number }>();

  async function poll(): Promise<void> {
    await Promise.all(
      consumers.map(async (consumer) => {
        const key = `${consumer.stream}/${consumer.durable}`;
        try {
          const info = await bus.jsm.consumers.info(consumer.stream, consumer.durable);
          last.set(key, { consumer, pending: info.num_pending, ackPending: info.num_ack_pending });
        } catch (error) {
          // A consumer still waiting for its producer's stream has no lag to report; a stale figure would mislead.
          last.delete(key);
          logger.debug({ err: error, ...consumer }, 'consumer lag not read');
        }
      }),
    );
  }

  const observe: BatchObservableCallback = (result) => {
    for (const { consumer, pending, ackPending } of last.values()) {
      const attributes = consumerAttributes(consumer.stream, consumer.durable);
      result.observe(lagGauge, pending, attributes);
      result.observe(ackPendingGauge, ackPending, attributes);
    }
  };
  meter.addBatchObservableCallback(observe, [lagGauge, ackPendingGauge]);
  const timer = setInterval(() => void poll(), options.pollIntervalMs ?? 15_000);
  timer.unref();
  void poll();
  return {
    poll,
    stop() {
      clearInterval(timer);
      meter.removeBatchObservableCallback(observe, [lagGauge, ackPendingGauge]);
    },
  };
}
