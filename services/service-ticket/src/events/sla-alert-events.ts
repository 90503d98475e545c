import type { SlaTargetKind } from '../domain/sla-policy';
import type { SlaAlertWriter } from '../application/sla-schedule';
import { recordEvent } from './ticket-events';

/** The wire names of the targets (SlaAlert.target). */
const wireTargets: Record<SlaTargetKind, string> = {
  firstResponse: 'first_response',
  nextResponse: 'next_response',
  resolution: 'resolution',
};

/** crm.ticket.sla.warning or crm.ticket.sla.breached for one alert the schedule sends. */
export const writeSlaAlertEvent: SlaAlertWriter = async (tx, actor, { ticket, alert, deadline, escalateTo }) => {
  await recordEvent(
    tx,
    alert.kind === 'breach' ? 'slaBreached' : 'slaWarning',
    actor,
    { type: 'ticket', id: ticket.id, version: ticket.version },
    {
      ticketId: ticket.id,
      target: wireTargets[alert.target],
      deadline,
      agentId: ticket.agentId ?? '',
      teamId: ticket.teamId,
      escalateToUserIds: escalateTo,
    },
  );
};
