/** Header names the relay puts on every event message (besides `Nats-Msg-Id` and the trace headers). */
export const EventHeaders = {
  eventId: 'crm-event-id',
  eventType: 'crm-event-type',
  aggregateId: 'crm-aggregate-id',
  aggregateType: 'crm-aggregate-type',
  /** The event's place among its aggregate's events (1, 2, ...): distinct even for events of one change. */
  aggregateSequence: 'crm-aggregate-seq',
  dlqReason: 'crm-dlq-reason',
  dlqOriginalSubject: 'crm-dlq-original-subject',
  dlqDeliveryCount: 'crm-dlq-delivery-count',
} as const;
