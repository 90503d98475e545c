import type { TicketStatus } from '../../graphql/gen/graphql';

/**
 * The moves the service's lifecycle allows from each status (service-ticket's domain/ticket-lifecycle.ts), minus
 * ASSIGNED, which the portal makes by claiming or assigning (it needs an agent), and reopening (its own mutation).
 */
const moves: Record<TicketStatus, readonly TicketStatus[]> = {
  NEW: [],
  ASSIGNED: ['IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'NEW'],
  IN_PROGRESS: ['WAITING_ON_CUSTOMER', 'RESOLVED', 'NEW'],
  WAITING_ON_CUSTOMER: ['IN_PROGRESS', 'RESOLVED', 'NEW'],
  RESOLVED: ['CLOSED'],
  CLOSED: [],
};

export function allowedMoves(status: TicketStatus): readonly TicketStatus[] {
  return moves[status];
}

/** Whether the reopen window is still open at `now`. */
export function canReopen(status: TicketStatus, reopenableUntil: string | null, now = Date.now()): boolean {
  return (status === 'RESOLVED' || status === 'CLOSED') && !!reopenableUntil && Date.parse(reopenableUntil) > now;
}
