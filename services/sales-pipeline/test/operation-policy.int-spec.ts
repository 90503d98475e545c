import { buildSubgraphSchema } from '@apollo/subgraph';
import { salesV1 } from '@crm/contracts';
import { describeOperationMatrix } from '@crm/testing';
import { salesTypeDefs } from '../src/graphql/schema-files';
import { salesOperationPolicy } from '../src/policy/operation-policy';
import { startSalesHarness } from './sales-test-harness';

// The sales-pipeline service's operation matrix: every GraphQL root field, gRPC method and HTTP route, and for each
// kind of caller whether the operation's access rule lets them in (Y) or refuses them before anything runs (N).
// Written by hand from the access model (docs/security.md), not computed from policy/operation-policy.ts, so a wrong
// rule fails here. Row-level outcomes (whose deal) are in the e2e authorization matrix.
// Callers (MATRIX_CALLERS): rep.east1, manager.east, agent1, service.manager, finance1, auditor1, admin1, and svc
// (the crm-services service account other services call with).

// prettier-ignore
const MATRIX: Record<string, string> = {
  //                                          rep mgr agt smg fin aud adm svc
  'graphql Query.pipelines':                  'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.pipeline':                   'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.opportunity':                'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.opportunities':              'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.salesAuditChainStatus':      'N   N   N   N   N   Y   Y   N',
  'graphql Query.salesFieldHistory':          'N   N   N   N   N   Y   Y   N',
  'graphql Query.salesAuditTrail':            'N   N   N   N   N   Y   Y   N',
  'graphql Query._entities':                  'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query._service':                   'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.paymentPlan':                'Y   Y   N   N   Y   N   Y   N',
  'graphql Query.financeChanges':             'N   N   N   N   Y   N   Y   N',
  'graphql Query.receivables':                'N   N   N   N   Y   N   Y   N',
  'graphql Mutation.createPipeline':          'N   N   N   N   N   N   Y   N',
  'graphql Mutation.createOpportunity':       'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.recordSalesAuditCheckpoint': 'N N   N   N   N   Y   Y   N',
  'graphql Query.exchangeRates':              'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.exchangeRateOn':             'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.forecast':                   'Y   Y   N   N   Y   Y   Y   N',
  'graphql Query.forecastSnapshots':          'Y   Y   N   N   Y   Y   Y   N',
  'graphql Query.quotas':                     'Y   Y   N   N   Y   Y   Y   N',
  'graphql Mutation.recordExchangeRate':      'N   N   N   N   Y   N   Y   N',
  'graphql Mutation.recordForecastSnapshot':  'Y   Y   N   N   Y   N   Y   N',
  'graphql Mutation.adjustTeamForecast':      'N   Y   N   N   N   N   Y   N',
  'graphql Mutation.setQuota':                'N   Y   N   N   N   N   Y   N',
  'graphql Query.stageCycleTimes':            'Y   Y   N   N   N   N   Y   N',
  'graphql Query.pipelineBoard':              'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.stageDeals':                 'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Mutation.updatePipeline':          'N   N   N   N   N   N   Y   N',
  'graphql Mutation.archivePipeline':         'N   N   N   N   N   N   Y   N',
  'graphql Mutation.moveOpportunityStage':    'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.reopenOpportunity':       'N   Y   N   N   N   N   Y   N',
  'graphql Mutation.updateOpportunity':       'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.setOpportunityContactRoles': 'Y Y   N   N   N   N   Y   N',
  'graphql Mutation.transferOpportunity':     'N   Y   N   N   N   N   Y   N',
  'graphql Query.products':                   'Y   Y   N   N   Y   Y   Y   N',
  'graphql Query.quote':                      'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.quotesAwaitingMyApproval':   'N   Y   N   N   N   N   Y   N',
  'graphql Query.contract':                   'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.contracts':                  'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Mutation.createProduct':           'N   N   N   N   Y   N   Y   N',
  'graphql Mutation.updateProduct':           'N   N   N   N   Y   N   Y   N',
  'graphql Mutation.setPrice':                'N   N   N   N   Y   N   Y   N',
  'graphql Mutation.setOpportunityLineItems': 'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.createQuote':             'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.submitQuote':             'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.approveQuote':            'N   Y   N   N   N   N   Y   N',
  'graphql Mutation.rejectQuote':             'N   Y   N   N   N   N   Y   N',
  'graphql Mutation.acceptQuote':             'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.createContract':          'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.signContract':            'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.setPaymentPlan':          'Y   Y   N   N   Y   N   Y   N',
  'graphql Mutation.recordReceipt':           'Y   Y   N   N   Y   N   Y   N',
  'graphql Mutation.recordInvoice':           'N   N   N   N   Y   N   Y   N',
  'graphql Mutation.recordPayment':           'N   N   N   N   Y   N   Y   N',
  'graphql Query.lead':                       'Y   Y   N   N   N   Y   Y   N',
  'graphql Query.leads':                      'Y   Y   N   N   N   Y   Y   N',
  'graphql Query.leadAssignmentRules':        'N   N   N   N   N   N   Y   N',
  'graphql Mutation.createLead':              'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.updateLead':              'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.qualifyLead':             'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.disqualifyLead':          'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.assignLead':              'N   Y   N   N   N   N   Y   N',
  'graphql Mutation.defineLeadAssignmentRule': 'N  N   N   N   N   N   Y   N',
  'graphql Mutation.deleteLeadAssignmentRule': 'N  N   N   N   N   N   Y   N',
  'graphql Query.leadConversionCandidates':   'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.convertLead':             'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.abandonLeadConversion':   'Y   Y   N   N   N   N   Y   N',
  'graphql Query.webForms':                   'N   N   N   N   N   N   Y   N',
  'graphql Mutation.createWebForm':           'N   N   N   N   N   N   Y   N',
  'graphql Mutation.deactivateWebForm':       'N   N   N   N   N   N   Y   N',
  'grpc getOpportunity':                      'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc batchGetOpportunities':               'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc listAccountOpportunities':            'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /healthz':                        'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /readyz':                         'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /graphql':                       'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /web-forms/:key/submissions':    'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /web-forms/:key/render':          'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /imports/leads':                 'Y   Y   N   N   N   N   Y   N',
};

describeOperationMatrix({
  service: 'sales-pipeline',
  schema: buildSubgraphSchema([{ typeDefs: salesTypeDefs() }]),
  grpcDefinition: salesV1.SalesServiceService,
  policy: salesOperationPolicy,
  matrix: MATRIX,
  async start() {
    const { app, client, stop } = await startSalesHarness('sales_operation_policy').then((h) => ({
      app: h.app,
      client: h.grpcClient,
      stop: h.stop,
    }));
    return { httpPort: app.httpPort, http: app.http, grpcClient: client, stop };
  },
});
