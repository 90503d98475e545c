import type { EntityManager } from 'typeorm';

/** An event as a consumer's handler sees it. */
export interface ConsumedEvent {
  /** The producer's event id (`crm-event-id`), also the inbox key. */
  id: string;
  subject: string;
  /** Full protobuf message name, e.g. `crm.customer.v1.AccountCreated`. */
  type: string;
  aggregateId: string;
  /** The protobuf-encoded event. */
  data: Uint8Array;
  headers: Record<string, string>;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

/** Applies one event; runs inside the inbox transaction, so it must write through `manager` only. */
export type EventHandler = (event: ConsumedEvent, manager: EntityManager) => Promise<void>;
