import { metrics, type Attributes } from '@opentelemetry/api';

const meter = metrics.getMeter('@crm/platform/bus');
const consumed = meter.createCounter('messaging.client.consumed.messages', {
  description: 'Events delivered to a durable consumer, by outcome',
  unit: '{message}',
});
const processDuration = meter.createHistogram('messaging.process.duration', {
  description: 'Time to apply one delivered event (inbox transaction and handler)',
  unit: 's',
});
const redeliveries = meter.createCounter('crm.messaging.redeliveries', {
  description: 'Deliveries of an event that had been delivered before (a retry after a failure or an ack timeout)',
  unit: '{message}',
});
const deadLetters = meter.createCounter('crm.messaging.dead_letters', {
  description: 'Events a consumer gave up on and copied to its dead-letter subject',
  unit: '{message}',
});

export type ConsumeOutcome = 'applied' | 'duplicate' | 'retry' | 'dead_letter';

/** The counters of one durable consumer, labelled with the semantic-convention messaging attributes. */
export interface ConsumerMetrics {
  /** One delivery settled: how, and how long it took. */
  settled(outcome: ConsumeOutcome, deliveryCount: number, durationS: number): void;
  deadLettered(): void;
}

/** The semantic-convention attributes naming a durable consumer of a stream, on every consumer metric. */
export function consumerAttributes(stream: string, durable: string): Attributes {
  return {
    'messaging.system': 'nats',
    'messaging.destination.name': stream,
    'messaging.consumer.group.name': durable,
  };
}

export function consumerMetrics(stream: string, durable: string): ConsumerMetrics {
  const attributes = consumerAttributes(stream, durable);
  return {
    settled(outcome, deliveryCount, durationS) {
      consumed.add(1, { ...attributes, 'crm.outcome': outcome });
      processDuration.record(durationS, attributes);
      if (deliveryCount > 1) redeliveries.add(1, attributes);
    },
    deadLettered() {
      deadLetters.add(1, attributes);
    },
  };
}
