// For the SLA clock specs: a table row (a ticket told in UTC instants) turned into the clock's input, and the part
// of a target's clock the tables compare.
import type { BusinessCalendar } from './business-calendar';
import { shanghai } from './calendar-fixtures';
import { computeSlaClock, type SlaClockInput, type SlaTargetState } from './sla-clock';
import type { SlaTargetKind, SlaTargets } from './sla-policy';
import type { TicketStatus } from './ticket-lifecycle';

const minute = 60_000;
/** 1 h first response, 2 h next response, 8 business hours to resolve. */
export const slaCaseTargets: SlaTargets = { firstResponse: 60, nextResponse: 120, resolution: 480 };

export interface SlaCase {
  calendar?: BusinessCalendar;
  /** [status, UTC instant] oldest first. */
  history: [TicketStatus, string][];
  firstResponseAt?: string;
  lastCustomerMessageAt?: string;
  lastAgentReplyAt?: string;
  now: string;
}

export interface ExpectedClock {
  state: SlaTargetState;
  elapsedMinutes: number;
  deadline: string | null;
  warningAt: string | null;
}

export function slaCaseInput(c: SlaCase): SlaClockInput {
  const instant = (value: string | undefined): Date | null => (value ? new Date(value) : null);
  return {
    calendar: c.calendar ?? shanghai,
    history: c.history.map(([status, at]) => ({ status, at: new Date(at) })),
    firstResponseAt: instant(c.firstResponseAt),
    lastCustomerMessageAt: instant(c.lastCustomerMessageAt),
    lastAgentReplyAt: instant(c.lastAgentReplyAt),
    targets: slaCaseTargets,
    now: new Date(c.now),
  };
}

const iso = (value: string | null): string | null => (value ? new Date(value).toISOString() : null);

/** A target's clock as the tables compare it: instants as ISO strings, plus its pause flag and breach instant. */
export interface ClockSummary extends ExpectedClock {
  paused: boolean;
  breachAt: string | null;
}

/** The clock of `target` for the row, summarised. */
export function clockOfCase(target: SlaTargetKind, given: SlaCase): ClockSummary {
  const clock = computeSlaClock(slaCaseInput(given))[target];
  return {
    state: clock.state,
    elapsedMinutes: clock.elapsedBusinessMillis / minute,
    deadline: clock.deadline?.toISOString() ?? null,
    warningAt: clock.warningAt?.toISOString() ?? null,
    paused: clock.paused,
    breachAt: clock.breachAt?.toISOString() ?? null,
  };
}

/** What the row states, completed: paused only in 'paused', and an open or breached target is due at its breach. */
export function expectedSummary(expected: ExpectedClock): ClockSummary {
  const deadline = iso(expected.deadline);
  return {
    ...expected,
    deadline,
    warningAt: iso(expected.warningAt),
    paused: expected.state === 'paused',
    breachAt: expected.state === 'met' || expected.state === 'not_applicable' ? null : deadline,
  };
}
