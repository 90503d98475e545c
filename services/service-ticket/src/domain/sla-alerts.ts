// Which SLA alerts are due: a warning at 80% and a breach at 100%, each once per target per clock cycle (a ticket's
// first response and resolution have one cycle; each customer message awaiting a reply starts a next-response cycle).
// A breach escalates to the team's manager; a warning is not sent once the breach is due, so nobody gets both late.
import type { SlaClock, SlaTargetClock } from './sla-clock';
import { slaTargetKinds, type SlaTargetKind } from './sla-policy';

export type SlaAlertKind = 'warning' | 'breach';

export interface SentSlaAlert {
  target: SlaTargetKind;
  kind: SlaAlertKind;
  /** The cycle it belonged to: the clock's startedAt. */
  startedAt: Date;
}

export interface DueSlaAlert extends SentSlaAlert {
  /** The instant the threshold was crossed. */
  crossedAt: Date;
  escalateToManager: boolean;
}

function wasSent(sent: SentSlaAlert[], clock: SlaTargetClock, kind: SlaAlertKind): boolean {
  return sent.some(
    (alert) =>
      alert.target === clock.target && alert.kind === kind && alert.startedAt.getTime() === clock.startedAt?.getTime(),
  );
}

function alertsOf(clock: SlaTargetClock, sent: SentSlaAlert[], now: Date): DueSlaAlert[] {
  const { startedAt, warningAt, breachAt, target } = clock;
  if (!startedAt || clock.state === 'met' || clock.state === 'not_applicable') return [];
  const breachSent = wasSent(sent, clock, 'breach');
  if (breachAt && breachAt <= now && clock.state === 'breached')
    return breachSent ? [] : [{ target, kind: 'breach', startedAt, crossedAt: breachAt, escalateToManager: true }];
  if (warningAt && warningAt <= now && !breachSent && !wasSent(sent, clock, 'warning'))
    return [{ target, kind: 'warning', startedAt, crossedAt: warningAt, escalateToManager: false }];
  return [];
}

/** The alerts to send at `now`, given the clock and what was already sent. */
export function dueSlaAlerts(clock: SlaClock, sent: SentSlaAlert[], now: Date): DueSlaAlert[] {
  return slaTargetKinds.flatMap((target) => alertsOf(clock[target], sent, now));
}

/** When the schedule should next look at this ticket: the earliest unsent threshold of a running clock, or null. */
export function nextSlaAlertAt(clock: SlaClock, sent: SentSlaAlert[]): Date | null {
  const instants = slaTargetKinds.flatMap((target) => {
    const targetClock = clock[target];
    if (targetClock.state !== 'running' && targetClock.state !== 'breached') return [];
    const breachSent = wasSent(sent, targetClock, 'breach');
    const pending: (Date | null)[] = [];
    if (!breachSent) pending.push(targetClock.breachAt);
    if (!breachSent && !wasSent(sent, targetClock, 'warning')) pending.push(targetClock.warningAt);
    return pending.filter((instant): instant is Date => instant !== null);
  });
  return instants.length ? new Date(Math.min(...instants.map((instant) => instant.getTime()))) : null;
}
