import { buildSubgraphSchema } from '@apollo/subgraph';
import { ticketV1 } from '@crm/contracts';
import { describeOperationMatrix } from '@crm/testing';
import { ticketTypeDefs } from '../src/graphql/schema-files';
import { ticketOperationPolicy } from '../src/policy/operation-policy';
import { startTicketHarness } from './ticket-test-harness';

// The service-ticket service's operation matrix: every GraphQL root field, gRPC method and HTTP route, and for each
// kind of caller whether the operation's access rule lets them in (Y) or refuses them before anything runs (N).
// Written by hand from the access model (docs/security.md), not computed from policy/operation-policy.ts, so a wrong
// rule fails here. Row-level outcomes (whose ticket) are in tickets.int-spec.ts and the e2e authorization matrix.
// Callers (MATRIX_CALLERS): rep.east1, manager.east, agent1, service.manager, finance1, auditor1, admin1, and svc
// (the crm-services service account other services call with).

// prettier-ignore
const MATRIX: Record<string, string> = {
  //                                              rep mgr agt smg fin aud adm svc
  'graphql Query.ticket':                         'Y   Y   Y   Y   N   Y   Y   N',
  'graphql Query.tickets':                        'Y   Y   Y   Y   N   Y   Y   N',
  'graphql Query.ticketRootCauseCategories':      'Y   Y   Y   Y   N   Y   Y   N',
  'graphql Query.ticketAuditChainStatus':         'N   N   N   N   N   Y   Y   N',
  'graphql Query.ticketFieldHistory':             'N   N   N   N   N   Y   Y   N',
  'graphql Query.ticketAuditTrail':               'N   N   N   N   N   Y   Y   N',
  'graphql Query._entities':                      'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query._service':                       'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Mutation.createTicket':                'N   N   Y   Y   N   N   Y   N',
  'graphql Mutation.updateTicket':                'N   N   Y   Y   N   N   Y   N',
  'graphql Mutation.changeTicketStatus':          'N   N   Y   Y   N   N   Y   N',
  'graphql Mutation.reopenTicket':                'N   N   Y   Y   N   N   Y   N',
  'graphql Mutation.assignTicket':                'N   N   Y   Y   N   N   Y   N',
  'graphql Mutation.addTicketMessage':            'N   N   Y   Y   N   N   Y   N',
  'graphql Mutation.deleteTicket':                'N   N   N   Y   N   N   Y   N',
  'graphql Mutation.recordTicketAuditCheckpoint': 'N   N   N   N   N   Y   Y   N',
  'graphql Mutation.deleteTicketAttachment':      'N   N   Y   Y   N   N   Y   N',
  'graphql Query.ticketAssignmentRules':          'N   N   N   Y   N   N   Y   N',
  'graphql Mutation.defineTicketAssignmentRule':  'N   N   N   Y   N   N   Y   N',
  'graphql Mutation.updateTicketAssignmentRule':  'N   N   N   Y   N   N   Y   N',
  'graphql Mutation.deleteTicketAssignmentRule':  'N   N   N   Y   N   N   Y   N',
  'graphql Mutation.claimTicket':                 'N   N   Y   Y   N   N   Y   N',
  'graphql Query.businessCalendars':              'N   N   Y   Y   N   N   Y   N',
  'graphql Query.businessCalendar':               'N   N   Y   Y   N   N   Y   N',
  'graphql Query.slaPolicies':                    'N   N   Y   Y   N   N   Y   N',
  'graphql Query.slaPolicy':                      'N   N   Y   Y   N   N   Y   N',
  'graphql Mutation.defineBusinessCalendar':      'N   N   N   N   N   N   Y   N',
  'graphql Mutation.updateBusinessCalendar':      'N   N   N   N   N   N   Y   N',
  'graphql Mutation.defineSlaPolicy':             'N   N   N   N   N   N   Y   N',
  'graphql Mutation.updateSlaPolicy':             'N   N   N   N   N   N   Y   N',
  'graphql Mutation.setDefaultSlaPolicy':         'N   N   N   N   N   N   Y   N',
  'grpc getTicket':                               'Y   Y   Y   Y   N   Y   Y   Y',
  'grpc batchGetTickets':                         'Y   Y   Y   Y   N   Y   Y   Y',
  'grpc listAccountTickets':                      'Y   Y   Y   Y   N   Y   Y   Y',
  'http GET /healthz':                            'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /readyz':                             'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /graphql':                           'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /surveys/:token':                     'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /surveys/:token':                    'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /tickets/:id/attachments':           'N   N   Y   Y   N   N   Y   N',
  'http GET /tickets/:id/attachments/:attachmentId': 'Y   Y   Y   Y   N   Y   Y   N',
  'http POST /inbound/email':                     'N   N   N   N   N   N   Y   Y',
};

describeOperationMatrix({
  service: 'service-ticket',
  schema: buildSubgraphSchema([{ typeDefs: ticketTypeDefs() }]),
  grpcDefinition: ticketV1.TicketServiceService,
  policy: ticketOperationPolicy,
  matrix: MATRIX,
  async start() {
    const h = await startTicketHarness('ticket_operation_policy');
    return { httpPort: h.app.httpPort, http: h.app.http, grpcClient: h.grpcClient, stop: h.stop };
  },
});
