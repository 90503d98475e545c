// THE SLA clock: from a ticket's status history, its reply instants, the calendar and the targets, recomputed from
// scratch every time (a calendar or policy change is the same call with new inputs). It runs in business hours only
// and stops while the ticket waits on the customer or is resolved, so pauses move the deadlines out.
import { InputError } from '@crm/platform/errors';
import { addBusinessMillis, workingIntervals, type BusinessCalendar, type InstantInterval } from './business-calendar';
import type { SlaTargetKind, SlaTargets } from './sla-policy';
import type { TicketStatus } from './ticket-lifecycle';

export interface StatusHistoryEntry {
  status: TicketStatus;
  at: Date;
}

export interface SlaClockInput {
  /** Oldest first; the first entry is the ticket's creation. */
  history: StatusHistoryEntry[];
  firstResponseAt: Date | null;
  /** The customer's latest message: after the first response it starts the next-response target. */
  lastCustomerMessageAt: Date | null;
  lastAgentReplyAt: Date | null;
  calendar: BusinessCalendar;
  targets: SlaTargets;
  now: Date;
}

export type SlaTargetState = 'not_applicable' | 'running' | 'paused' | 'met' | 'breached';

export interface SlaTargetClock {
  target: SlaTargetKind;
  state: SlaTargetState;
  /** When this target's clock started (for next response: the customer message it answers). */
  startedAt: Date | null;
  targetMillis: number;
  elapsedBusinessMillis: number;
  paused: boolean;
  /** When it falls due: projected from now while open, in the past once breached; null when met or not applicable. */
  deadline: Date | null;
  /** When 80% of the target is (or will be) used up; null when met first or not applicable. */
  warningAt: Date | null;
  /** When 100% is (or will be) used up; null when met or not applicable. */
  breachAt: Date | null;
}

export type SlaClock = Record<SlaTargetKind, SlaTargetClock>;

/** Statuses in which the clock runs; waiting on the customer, resolved and closed stop it. */
const runningStatuses: readonly TicketStatus[] = ['new', 'assigned', 'in_progress'];
const finishedStatuses: readonly TicketStatus[] = ['resolved', 'closed'];
const minuteMillis = 60_000;
/** The warning fires at 80% of a target. */
const warningShare = 0.8;

function checkHistory(history: StatusHistoryEntry[]): void {
  if (history.length === 0) throw InputError.single(['history'], 'required', 'a ticket has at least its creation');
  history.forEach((entry, index) => {
    const previous = history[index - 1];
    if (previous && entry.at < previous.at)
      throw InputError.single(['history', index, 'at'], 'ascending', 'must not be earlier than the entry before');
  });
}

/** The parts of [from, to) in which the ticket was in a running status. */
function runningWindows(history: StatusHistoryEntry[], from: Date, to: Date): InstantInterval[] {
  const windows: InstantInterval[] = [];
  history.forEach((entry, index) => {
    if (!runningStatuses.includes(entry.status)) return;
    const next = history[index + 1];
    const start = entry.at > from ? entry.at : from;
    const end = next && next.at < to ? next.at : to;
    if (end > start) windows.push({ start, end });
  });
  return windows;
}

function statusAt(history: StatusHistoryEntry[], instant: Date): TicketStatus {
  return history.filter((entry) => entry.at <= instant).at(-1)?.status ?? history[0].status;
}

interface TargetSpan {
  target: SlaTargetKind;
  /** Null when the target does not apply. */
  startedAt: Date | null;
  /** When the target was met (the reply, the resolution), null while open. */
  stoppedAt: Date | null;
}

function clockFor(input: SlaClockInput, span: TargetSpan): SlaTargetClock {
  const targetMillis = input.targets[span.target] * minuteMillis;
  const warningMillis = Math.round(targetMillis * warningShare);
  const notApplicable: SlaTargetClock = {
    target: span.target,
    state: 'not_applicable',
    startedAt: span.startedAt,
    targetMillis,
    elapsedBusinessMillis: 0,
    paused: false,
    deadline: null,
    warningAt: null,
    breachAt: null,
  };
  if (!span.startedAt) return notApplicable;
  const until = span.stoppedAt ?? input.now;
  let elapsed = 0;
  let warningAt: Date | null = null;
  let breachAt: Date | null = null;
  for (const window of runningWindows(input.history, span.startedAt, until)) {
    for (const interval of workingIntervals(input.calendar, window.start, window.end)) {
      const length = interval.end.getTime() - interval.start.getTime();
      if (!warningAt && elapsed + length >= warningMillis)
        warningAt = new Date(interval.start.getTime() + warningMillis - elapsed);
      if (!breachAt && elapsed + length >= targetMillis)
        breachAt = new Date(interval.start.getTime() + targetMillis - elapsed);
      elapsed += length;
    }
  }
  const base = { ...notApplicable, elapsedBusinessMillis: elapsed, warningAt };
  // A reply or resolution exactly on the deadline meets it.
  const breached = breachAt !== null && (span.stoppedAt ? breachAt < span.stoppedAt : breachAt <= input.now);
  if (breached) return { ...base, state: 'breached', deadline: breachAt, breachAt };
  if (span.stoppedAt)
    return { ...base, state: 'met', warningAt: warningAt && warningAt < span.stoppedAt ? warningAt : null };
  const status = statusAt(input.history, input.now);
  // Nobody owes a reply on a resolved ticket; resolution itself stops when resolved (stoppedAt above).
  if (finishedStatuses.includes(status)) return { ...notApplicable, elapsedBusinessMillis: elapsed };
  const paused = !runningStatuses.includes(status);
  // Open: project from now, as if the clock ran from now on (while paused, the projection moves out as time passes).
  const projectedBreach = addBusinessMillis(input.calendar, input.now, targetMillis - elapsed);
  const projectedWarning = warningAt ?? addBusinessMillis(input.calendar, input.now, warningMillis - elapsed);
  return {
    ...base,
    state: paused ? 'paused' : 'running',
    paused,
    deadline: projectedBreach,
    warningAt: projectedWarning,
    breachAt: projectedBreach,
  };
}

function latestResolution(history: StatusHistoryEntry[]): Date | null {
  const current = history.at(-1);
  if (!current || !finishedStatuses.includes(current.status)) return null;
  return history.filter((entry) => entry.status === 'resolved').at(-1)?.at ?? current.at;
}

/** Every target's clock at `now`, recomputed from the inputs alone. */
export function computeSlaClock(input: SlaClockInput): SlaClock {
  checkHistory(input.history);
  const createdAt = input.history[0].at;
  const { firstResponseAt, lastCustomerMessageAt, lastAgentReplyAt } = input;
  const awaitingNextResponse =
    firstResponseAt !== null && lastCustomerMessageAt !== null && lastCustomerMessageAt > firstResponseAt;
  const nextReply = lastAgentReplyAt && lastCustomerMessageAt && lastAgentReplyAt >= lastCustomerMessageAt;
  return {
    firstResponse: clockFor(input, { target: 'firstResponse', startedAt: createdAt, stoppedAt: firstResponseAt }),
    nextResponse: clockFor(input, {
      target: 'nextResponse',
      startedAt: awaitingNextResponse ? lastCustomerMessageAt : null,
      stoppedAt: nextReply ? lastAgentReplyAt : null,
    }),
    resolution: clockFor(input, {
      target: 'resolution',
      startedAt: createdAt,
      stoppedAt: latestResolution(input.history),
    }),
  };
}
