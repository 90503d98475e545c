// Where a ticket's SLA stands for a queue (on track, at risk, breached) and its next deadline, from the stored clock.
// The instants are stored beside the clock (ticket_sla), so the queue filters and sorts by them in SQL.
import type { SlaClock, SlaTargetClock } from './sla-clock';
import { slaTargetKinds, type SlaTargetKind } from './sla-policy';

export type SlaStanding = 'on_track' | 'at_risk' | 'breached';

export interface SlaMarks {
  /** The earliest deadline of a running, paused or breached target (what a queue counts down by). */
  nextDeadline: Date | null;
  nextDeadlineTarget: SlaTargetKind | null;
  /** From then on the ticket is at risk: 80% of a running target used up. */
  atRiskFrom: Date | null;
  /** From then on it is breached: a target breached, or a running one past its deadline. */
  breachedFrom: Date | null;
}

const openStates: readonly SlaTargetClock['state'][] = ['running', 'paused', 'breached'];

function earliest(instants: (Date | null)[]): Date | null {
  const times = instants.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

export function slaMarks(clock: SlaClock): SlaMarks {
  const targets = slaTargetKinds.map((kind) => clock[kind]);
  const open = targets.filter((c) => openStates.includes(c.state) && c.deadline);
  const next = open.reduce<SlaTargetClock | null>((a, c) => (a && a.deadline! <= c.deadline! ? a : c), null);
  const running = targets.filter((c) => c.state === 'running');
  const breached = targets.filter((c) => c.state === 'breached');
  return {
    nextDeadline: next?.deadline ?? null,
    nextDeadlineTarget: next?.target ?? null,
    atRiskFrom: earliest(running.map((c) => c.warningAt)),
    // A target recorded as breached counts from its breach instant (the epoch if the clock kept none).
    breachedFrom: earliest([
      ...breached.map((c) => c.breachAt ?? c.deadline ?? new Date(0)),
      ...running.map((c) => c.deadline),
    ]),
  };
}

/** Breached wins over at risk; a paused or finished clock is on track unless a target was breached. */
export function slaStanding(marks: SlaMarks, now: Date): SlaStanding {
  if (marks.breachedFrom && marks.breachedFrom <= now) return 'breached';
  if (marks.atRiskFrom && marks.atRiskFrom <= now) return 'at_risk';
  return 'on_track';
}
