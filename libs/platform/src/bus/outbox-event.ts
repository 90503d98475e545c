/** A domain event as the producing service hands it to the outbox. */
export interface OutboxEvent {
  /** uuid; becomes `Nats-Msg-Id` (server-side dedup) and the consumers' inbox key. */
  id: string;
  /** `crm.<service>.<aggregate>.<verb>`, e.g. `crm.customer.account.created`. */
  subject: string;
  aggregateType: string;
  aggregateId: string;
  /** Full protobuf message name, e.g. `crm.customer.v1.AccountCreated`. */
  eventType: string;
  /** The protobuf-encoded event. */
  payload: Uint8Array;
  headers?: Record<string, string>;
}
