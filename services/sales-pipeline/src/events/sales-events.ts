import { catalogAuditCheckpoints } from '@crm/platform/audit';
import { defineEventCatalog } from '@crm/platform/bus';
import { salesEventsV1 } from '@crm/contracts';

export const SALES_STREAM = 'SALES';
export const SALES_SUBJECTS = ['crm.sales.>'];

/** The sales-pipeline service's events (proto/crm/sales/v1/events.proto): subject and protobuf message for each. */
const catalog = {
  leadCaptured: {
    subject: 'crm.sales.lead.captured',
    type: 'crm.sales.v1.LeadCaptured',
    codec: salesEventsV1.LeadCaptured,
  },
  leadAssigned: {
    subject: 'crm.sales.lead.assigned',
    type: 'crm.sales.v1.LeadAssigned',
    codec: salesEventsV1.LeadAssigned,
  },
  leadConverted: {
    subject: 'crm.sales.lead.converted',
    type: 'crm.sales.v1.LeadConverted',
    codec: salesEventsV1.LeadConverted,
  },
  leadConversionAbandoned: {
    subject: 'crm.sales.lead.conversion_abandoned',
    type: 'crm.sales.v1.LeadConversionAbandoned',
    codec: salesEventsV1.LeadConversionAbandoned,
  },
  opportunityCreated: {
    subject: 'crm.sales.opportunity.created',
    type: 'crm.sales.v1.OpportunityCreated',
    codec: salesEventsV1.OpportunityCreated,
  },
  opportunityStageChanged: {
    subject: 'crm.sales.opportunity.stage_changed',
    type: 'crm.sales.v1.OpportunityStageChanged',
    codec: salesEventsV1.OpportunityStageChanged,
  },
  opportunityWon: {
    subject: 'crm.sales.opportunity.won',
    type: 'crm.sales.v1.OpportunityWon',
    codec: salesEventsV1.OpportunityWon,
  },
  opportunityLost: {
    subject: 'crm.sales.opportunity.lost',
    type: 'crm.sales.v1.OpportunityLost',
    codec: salesEventsV1.OpportunityLost,
  },
  opportunityReopened: {
    subject: 'crm.sales.opportunity.reopened',
    type: 'crm.sales.v1.OpportunityReopened',
    codec: salesEventsV1.OpportunityReopened,
  },
  opportunityOwnerChanged: {
    subject: 'crm.sales.opportunity.owner_changed',
    type: 'crm.sales.v1.OpportunityOwnerChanged',
    codec: salesEventsV1.OpportunityOwnerChanged,
  },
  quoteSubmitted: {
    subject: 'crm.sales.quote.submitted',
    type: 'crm.sales.v1.QuoteSubmitted',
    codec: salesEventsV1.QuoteSubmitted,
  },
  quoteApproved: {
    subject: 'crm.sales.quote.approved',
    type: 'crm.sales.v1.QuoteApproved',
    codec: salesEventsV1.QuoteApproved,
  },
  quoteRejected: {
    subject: 'crm.sales.quote.rejected',
    type: 'crm.sales.v1.QuoteRejected',
    codec: salesEventsV1.QuoteRejected,
  },
  contractSigned: {
    subject: 'crm.sales.contract.signed',
    type: 'crm.sales.v1.ContractSigned',
    codec: salesEventsV1.ContractSigned,
  },
  invoiceRecorded: {
    subject: 'crm.sales.invoice.recorded',
    type: 'crm.sales.v1.InvoiceRecorded',
    codec: salesEventsV1.InvoiceRecorded,
  },
  paymentRecorded: {
    subject: 'crm.sales.payment.recorded',
    type: 'crm.sales.v1.PaymentRecorded',
    codec: salesEventsV1.PaymentRecorded,
  },
  instalmentDue: {
    subject: 'crm.sales.instalment.due',
    type: 'crm.sales.v1.InstalmentDue',
    codec: salesEventsV1.InstalmentDue,
  },
  instalmentOverdue: {
    subject: 'crm.sales.instalment.overdue',
    type: 'crm.sales.v1.InstalmentOverdue',
    codec: salesEventsV1.InstalmentOverdue,
  },
  auditCheckpoint: {
    subject: 'crm.audit.sales.checkpoint',
    type: 'crm.sales.v1.AuditCheckpoint',
    codec: salesEventsV1.AuditCheckpoint,
  },
} as const;

type Aggregate = 'lead' | 'opportunity' | 'quote' | 'contract' | 'invoice' | 'payment' | 'instalment' | 'audit_log';

const events = defineEventCatalog<typeof catalog, Aggregate>(catalog);

/** Builds one event: protobuf payload with its metadata, subject and message name. */
export const salesEvent = events.event;

/** Writes one event to the outbox in the caller's transaction (the relay publishes it after the commit). */
export const recordEvent = events.record;

export const salesEventCatalog = catalog;

/** The sales service's audit checkpoints (its `AuditCheckpoint` event), for the running service and its ops.js. */
export const salesAuditCheckpoints = catalogAuditCheckpoints({
  service: 'sales',
  codec: salesEventsV1.AuditCheckpoint,
  record: recordEvent,
});
