import type { TicketSlaView } from '../db/ticket-sla-rows';
import type { SlaTargetKind } from '../domain/sla-policy';
import { slaMarks, slaStanding, type SlaStanding } from '../domain/sla-standing';

/** TicketSla as the graph shows it: the stored clock, its next deadline and where it stands at the request's now. */
export interface TicketSlaModel extends TicketSlaView {
  nextDeadline: Date | null;
  nextDeadlineKind: SlaTargetKind | null;
  state: SlaStanding;
}

export function ticketSlaModel(view: TicketSlaView, now: Date): TicketSlaModel {
  const marks = slaMarks(view.clock);
  return {
    ...view,
    nextDeadline: marks.nextDeadline,
    nextDeadlineKind: marks.nextDeadlineTarget,
    state: slaStanding(marks, now),
  };
}
