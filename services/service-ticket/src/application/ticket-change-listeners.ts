import type { EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import type { TicketRow } from '../db/ticket-rows';

/** What just happened to a ticket, for the capabilities that follow it (SLA clock, assignment, surveys). */
export type TicketChange = 'created' | 'updated' | 'status' | 'assigned' | 'message' | 'reopened' | 'deleted';

/**
 * Runs inside the change's transaction, after the ticket row (and its history) is written: what it writes commits or
 * rolls back with the change. `ticket` is the row as it is now.
 */
export type TicketChangeListener = (
  tx: EntityManager,
  ticket: TicketRow,
  change: TicketChange,
  actor: Actor,
) => Promise<void>;

/** The listeners of ticket changes, in registration order. */
export class TicketChangeListeners {
  private readonly listeners: TicketChangeListener[] = [];

  register(listener: TicketChangeListener): void {
    this.listeners.push(listener);
  }

  async run(tx: EntityManager, ticket: TicketRow, change: TicketChange, actor: Actor): Promise<void> {
    for (const listener of this.listeners) await listener(tx, ticket, change, actor);
  }
}
