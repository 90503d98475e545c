import { Roles } from '@crm/platform/auth';
import { andClients, perOperation, publicAccess, rolesMay, type OperationPolicy } from '@crm/platform/policy';

/**
 * Who may call each operation of the service-ticket service: every GraphQL root field, gRPC method and HTTP route.
 * The transports refuse what is not here (FORBIDDEN / PERMISSION_DENIED / 403) before any handler runs; the row rules
 * (policy/ticket-access.ts) still decide inside. `test/operation-policy.int-spec.ts` enumerates the operations from the
 * code and fails on one without a rule here or without a row in its authorization matrix.
 */
const { salesRep, salesManager, serviceAgent, serviceManager, finance, auditor, admin } = Roles;

/** Who reads tickets: service staff, sales staff (tickets of accounts they may read), auditors, crm-admin. */
const readers = rolesMay(salesRep, salesManager, serviceAgent, serviceManager, auditor, admin);
/** Every staff role: only federation's entity resolution, where the row rules decide per ticket. */
const staff = rolesMay(salesRep, salesManager, serviceAgent, serviceManager, finance, auditor, admin);
/** Who works tickets (row rules: their own, their queue's, their teams'). */
const workers = rolesMay(serviceAgent, serviceManager, admin);
/** Deleting a ticket: the team's service managers and crm-admin. */
const ticketManagers = rolesMay(serviceManager, admin);
const auditReaders = rolesMay(auditor, admin);
/** Assignment rules: crm-admin, and service managers for the teams they manage (checked per rule inside). */
const assignmentConfigurers = rolesMay(serviceManager, admin);
/** Other services read tickets by gRPC with their own service account (crm-services) as well as for a user. */
const readersAndServices = andClients(readers, 'crm-services');
/** The mail gateway posts customers' email as the crm-services account; crm-admin may too (replays, tests). */
const mailGateway = andClients(rolesMay(admin), 'crm-services');
/** Business calendars and SLA policies: service staff read them, crm-admin edits them (policy/sla-settings-access.ts). */
const slaSettingsReaders = rolesMay(serviceAgent, serviceManager, admin);
const slaSettingsEditors = rolesMay(admin);

export const ticketOperationPolicy: OperationPolicy = {
  graphql: {
    'Query.ticket': readers,
    'Query.tickets': readers,
    'Query.ticketRootCauseCategories': readers,
    'Query.ticketAuditChainStatus': auditReaders,
    'Query.ticketFieldHistory': auditReaders,
    'Query.ticketAuditTrail': auditReaders,
    // Federation: the gateway resolves Ticket references and Account's ticket fields here for every staff role, so an
    // account page that asks for tickets still loads for finance; the row rules give finance no ticket (empty, 0).
    'Query._entities': staff,
    'Query._service': staff,
    'Mutation.createTicket': workers,
    'Mutation.updateTicket': workers,
    'Mutation.changeTicketStatus': workers,
    'Mutation.reopenTicket': workers,
    'Mutation.assignTicket': workers,
    'Mutation.addTicketMessage': workers,
    'Mutation.deleteTicket': ticketManagers,
    'Mutation.recordTicketAuditCheckpoint': auditReaders,
    'Mutation.deleteTicketAttachment': workers,
    'Query.ticketAssignmentRules': assignmentConfigurers,
    'Mutation.defineTicketAssignmentRule': assignmentConfigurers,
    'Mutation.updateTicketAssignmentRule': assignmentConfigurers,
    'Mutation.deleteTicketAssignmentRule': assignmentConfigurers,
    // An agent claims a queue ticket for themselves (row rule: unassigned, their own queue).
    'Mutation.claimTicket': workers,
    'Query.businessCalendars': slaSettingsReaders,
    'Query.businessCalendar': slaSettingsReaders,
    'Query.slaPolicies': slaSettingsReaders,
    'Query.slaPolicy': slaSettingsReaders,
    'Mutation.defineBusinessCalendar': slaSettingsEditors,
    'Mutation.updateBusinessCalendar': slaSettingsEditors,
    'Mutation.defineSlaPolicy': slaSettingsEditors,
    'Mutation.updateSlaPolicy': slaSettingsEditors,
    'Mutation.setDefaultSlaPolicy': slaSettingsEditors,
  },
  grpc: {
    getTicket: readersAndServices,
    batchGetTickets: readersAndServices,
    listAccountTickets: readersAndServices,
  },
  http: {
    'GET /healthz': publicAccess,
    'GET /readyz': publicAccess,
    'POST /graphql': perOperation,
    // The customer's satisfaction survey: no login, the signed single-use link is the credential (docs/security.md).
    'GET /surveys/:token': publicAccess,
    'POST /surveys/:token': publicAccess,
    // Attachments follow their ticket's row rules inside: edit to upload, read to download (audited).
    'POST /tickets/:id/attachments': workers,
    'GET /tickets/:id/attachments/:attachmentId': readers,
    'POST /inbound/email': mailGateway,
  },
};
