// A ticket's lifecycle: new → assigned → in progress → waiting on customer → resolved → closed, the moves allowed
// between them, the closed loop (no resolving without a summary and a root cause) and the reopen window.
import { InputError, PreconditionError, type FieldViolation } from '@crm/platform/errors';

export const ticketStatuses = ['new', 'assigned', 'in_progress', 'waiting_on_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Moves through the lifecycle; reopening is not here: it has its own window and reason (planReopen). */
const allowedMoves: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['assigned'],
  // Back to 'new' is the ticket returning to the queue (unassigned, or its agent offboarded).
  assigned: ['new', 'in_progress', 'waiting_on_customer', 'resolved'],
  in_progress: ['new', 'waiting_on_customer', 'resolved'],
  waiting_on_customer: ['new', 'in_progress', 'resolved'],
  resolved: ['closed'],
  closed: [],
};

/** Statuses in which someone owns the ticket. */
const ownedStatuses: readonly TicketStatus[] = ['assigned', 'in_progress', 'waiting_on_customer'];

export interface LifecycleSettings {
  /** How many days after resolution a customer or agent may still reopen. */
  reopenWindowDays: number;
  /** The root-cause categories a resolution may name. */
  rootCauseCategories: readonly string[];
}

export interface LifecycleTicket {
  status: TicketStatus;
  assigneeId: string | null;
  resolvedAt: Date | null;
}

export interface Resolution {
  summary: string;
  rootCauseCategory: string;
}

/** One audited row of status history. */
export interface StatusChange {
  from: TicketStatus;
  to: TicketStatus;
  at: Date;
  by: string;
  reason: string | null;
}

export interface StatusChangePlan {
  status: TicketStatus;
  resolvedAt: Date | null;
  resolution: Resolution | null;
  history: StatusChange;
}

const maxSummaryLength = 5000;
const maxReasonLength = 2000;
const dayMillis = 24 * 60 * 60 * 1000;

export function validateLifecycleSettings(settings: LifecycleSettings): LifecycleSettings {
  const violations: FieldViolation[] = [];
  const days = settings.reopenWindowDays;
  if (!Number.isInteger(days) || days < 0 || days > 365)
    violations.push({ path: ['reopenWindowDays'], rule: 'range', message: 'must be a whole number of days, 0 to 365' });
  if (settings.rootCauseCategories.length === 0)
    violations.push({ path: ['rootCauseCategories'], rule: 'required', message: 'name at least one root cause' });
  settings.rootCauseCategories.forEach((category, index) => {
    if (!category.trim())
      violations.push({ path: ['rootCauseCategories', index], rule: 'required', message: 'must not be blank' });
    else if (settings.rootCauseCategories.indexOf(category) !== index)
      violations.push({ path: ['rootCauseCategories', index], rule: 'unique', message: 'is listed twice' });
  });
  if (violations.length) throw new InputError(violations);
  return settings;
}

function checkResolution(resolution: Partial<Resolution>, settings: LifecycleSettings): Resolution {
  const violations: FieldViolation[] = [];
  const summary = resolution.summary?.trim() ?? '';
  const category = resolution.rootCauseCategory ?? '';
  if (!summary)
    violations.push({ path: ['resolutionSummary'], rule: 'required', message: 'resolving needs a resolution summary' });
  else if (summary.length > maxSummaryLength)
    violations.push({
      path: ['resolutionSummary'],
      rule: 'maxLength',
      message: `at most ${maxSummaryLength} characters`,
    });
  if (!category)
    violations.push({
      path: ['rootCauseCategory'],
      rule: 'required',
      message: 'resolving needs a root-cause category',
    });
  else if (!settings.rootCauseCategories.includes(category))
    violations.push({
      path: ['rootCauseCategory'],
      rule: 'oneOf',
      message: `must be one of ${settings.rootCauseCategories.join(', ')}`,
    });
  if (violations.length) throw new InputError(violations);
  return { summary, rootCauseCategory: category };
}

export interface StatusChangeRequest {
  to: TicketStatus;
  at: Date;
  by: string;
  /** Required when `to` is 'resolved'. */
  resolution?: Partial<Resolution>;
}

/** Plans a move through the lifecycle, or refuses it naming the rule; nothing is changed here. */
export function planStatusChange(
  ticket: LifecycleTicket,
  request: StatusChangeRequest,
  settings: LifecycleSettings,
): StatusChangePlan {
  const { to } = request;
  if (!allowedMoves[ticket.status].includes(to))
    throw new PreconditionError(`status: a ${ticket.status} ticket cannot move to ${to}`, {
      path: ['status'],
      rule: 'transition',
      from: ticket.status,
      to,
    });
  if (ownedStatuses.includes(to) && !ticket.assigneeId)
    throw new PreconditionError(`assigneeId: a ticket must be assigned before it moves to ${to}`, {
      path: ['assigneeId'],
      rule: 'assigned',
    });
  const resolution = to === 'resolved' ? checkResolution(request.resolution ?? {}, settings) : null;
  return {
    status: to,
    resolvedAt: to === 'resolved' ? request.at : ticket.resolvedAt,
    resolution: to === 'resolved' ? resolution : null,
    history: { from: ticket.status, to, at: request.at, by: request.by, reason: null },
  };
}

export interface ReopenRequest {
  at: Date;
  by: string;
  reason: string;
}

/** The last instant a ticket resolved at `resolvedAt` may be reopened. */
export function reopenDeadline(resolvedAt: Date, settings: LifecycleSettings): Date {
  return new Date(resolvedAt.getTime() + settings.reopenWindowDays * dayMillis);
}

/** Reopens a resolved or closed ticket within the window: back to its agent, or to the queue when it has none. */
export function planReopen(
  ticket: LifecycleTicket,
  request: ReopenRequest,
  settings: LifecycleSettings,
): StatusChangePlan {
  const reason = request.reason.trim();
  if (!reason) throw InputError.single(['reason'], 'required', 'say why the ticket is reopened');
  if (reason.length > maxReasonLength)
    throw InputError.single(['reason'], 'maxLength', `at most ${maxReasonLength} characters`);
  if ((ticket.status !== 'resolved' && ticket.status !== 'closed') || !ticket.resolvedAt)
    throw new PreconditionError(
      `status: only a resolved or closed ticket can be reopened, this one is ${ticket.status}`,
      {
        path: ['status'],
        rule: 'reopenable',
      },
    );
  const deadline = reopenDeadline(ticket.resolvedAt, settings);
  if (request.at > deadline)
    throw new PreconditionError(
      `resolvedAt: the reopen window of ${settings.reopenWindowDays} days closed at ${deadline.toISOString()}`,
      { path: ['resolvedAt'], rule: 'reopenWindow', reopenWindowDays: settings.reopenWindowDays },
    );
  const to: TicketStatus = ticket.assigneeId ? 'assigned' : 'new';
  return {
    status: to,
    resolvedAt: null,
    resolution: null,
    history: { from: ticket.status, to, at: request.at, by: request.by, reason },
  };
}
