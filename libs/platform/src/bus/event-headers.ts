/** Header names the relay puts on every event message (besides `Nats-Msg-Id` and the trace headers). */
export const EventHeaders = {
  eventId: 'crm-event-id',
  eventType: 'crm-event-type',
  aggregateId: 'crm-aggregate-id',
  aggregateType: 'crm-aggregate-type',
  dlqReason: 'crm-dlq-reason',
  dlqOriginalSubject: 'crm-dlq-original-subject',
  dlqDeliveryCount: 'crm-dlq-delivery-count',
} as const;
