import { ticketEventsV1 } from '@crm/contracts';
import { catalogAuditCheckpoints } from '@crm/platform/audit';
import { defineEventCatalog } from '@crm/platform/bus';

export const TICKET_STREAM = 'TICKET';
export const TICKET_SUBJECTS = ['crm.ticket.>'];

/**
 * The service-ticket service's events (proto/crm/ticket/v1/events.proto): subject and protobuf message for each. A
 * transition has one subject: resolved, reopened and closed their own, every other move status_changed.
 */
const catalog = {
  ticketCreated: {
    subject: 'crm.ticket.ticket.created',
    type: 'crm.ticket.v1.TicketCreated',
    codec: ticketEventsV1.TicketCreated,
  },
  ticketAssigned: {
    subject: 'crm.ticket.ticket.assigned',
    type: 'crm.ticket.v1.TicketAssigned',
    codec: ticketEventsV1.TicketAssigned,
  },
  ticketStatusChanged: {
    subject: 'crm.ticket.ticket.status_changed',
    type: 'crm.ticket.v1.TicketStatusChanged',
    codec: ticketEventsV1.TicketStatusChanged,
  },
  ticketResolved: {
    subject: 'crm.ticket.ticket.resolved',
    type: 'crm.ticket.v1.TicketStatusChanged',
    codec: ticketEventsV1.TicketStatusChanged,
  },
  ticketReopened: {
    subject: 'crm.ticket.ticket.reopened',
    type: 'crm.ticket.v1.TicketStatusChanged',
    codec: ticketEventsV1.TicketStatusChanged,
  },
  ticketClosed: {
    subject: 'crm.ticket.ticket.closed',
    type: 'crm.ticket.v1.TicketStatusChanged',
    codec: ticketEventsV1.TicketStatusChanged,
  },
  ticketDeleted: {
    subject: 'crm.ticket.ticket.deleted',
    type: 'crm.ticket.v1.TicketDeleted',
    codec: ticketEventsV1.TicketDeleted,
  },
  slaWarning: {
    subject: 'crm.ticket.sla.warning',
    type: 'crm.ticket.v1.SlaAlert',
    codec: ticketEventsV1.SlaAlert,
  },
  slaBreached: {
    subject: 'crm.ticket.sla.breached',
    type: 'crm.ticket.v1.SlaAlert',
    codec: ticketEventsV1.SlaAlert,
  },
  surveyAnswered: {
    subject: 'crm.ticket.survey.answered',
    type: 'crm.ticket.v1.SurveyAnswered',
    codec: ticketEventsV1.SurveyAnswered,
  },
  surveySent: {
    subject: 'crm.ticket.survey.sent',
    type: 'crm.ticket.v1.SurveySent',
    codec: ticketEventsV1.SurveySent,
  },
  surveyEscalated: {
    subject: 'crm.ticket.survey.escalated',
    type: 'crm.ticket.v1.SurveyEscalated',
    codec: ticketEventsV1.SurveyEscalated,
  },
  ticketUnassignedAlert: {
    subject: 'crm.ticket.ticket.unassigned_alert',
    type: 'crm.ticket.v1.TicketUnassignedAlert',
    codec: ticketEventsV1.TicketUnassignedAlert,
  },
  auditCheckpoint: {
    subject: 'crm.audit.ticket.checkpoint',
    type: 'crm.ticket.v1.AuditCheckpoint',
    codec: ticketEventsV1.AuditCheckpoint,
  },
} as const;

type Aggregate = 'ticket' | 'audit_log';

const events = defineEventCatalog<typeof catalog, Aggregate>(catalog);

/** Writes one event to the outbox in the caller's transaction (the relay publishes it after the commit). */
export const recordEvent = events.record;

export const ticketEventCatalog = catalog;

/** The ticket service's audit checkpoints (its `AuditCheckpoint` event), for the running service and its ops.js. */
export const ticketAuditCheckpoints = catalogAuditCheckpoints({
  service: 'ticket',
  codec: ticketEventsV1.AuditCheckpoint,
  record: recordEvent,
});
