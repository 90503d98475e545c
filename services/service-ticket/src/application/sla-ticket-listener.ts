import type { TicketChangeListener } from './ticket-change-listeners';
import { recomputeTicketSlas } from './ticket-sla-recompute';

/**
 * Every ticket change recomputes its SLA clock in the change's transaction (the ticket row is locked by then): a
 * reply stops a target, waiting on the customer pauses the clock, a priority or complaint change picks new targets,
 * and resolving, closing or deleting stops the schedule watching it.
 */
export const slaTicketListener: TicketChangeListener = async (tx, ticket) => {
  await recomputeTicketSlas(tx, [ticket.id]);
};
