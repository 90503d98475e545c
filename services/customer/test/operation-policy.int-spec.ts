import { buildSubgraphSchema } from '@apollo/subgraph';
import { customerV1 } from '@crm/contracts';
import { describeOperationMatrix } from '@crm/testing';
import { customerTypeDefs } from '../src/graphql/schema-files';
import { customerOperationPolicy } from '../src/policy/operation-policy';
import { startCustomerHarness } from './customer-test-harness';

// The customer service's operation matrix: every GraphQL root field, gRPC method and HTTP route, and for each kind
// of caller whether the operation's access rule lets them in (Y) or refuses them before anything runs (N). Written
// by hand from the access model (docs/security.md), not computed from policy/operation-policy.ts, so a wrong rule
// fails here. Row- and field-level outcomes per relation are the matrix of tests/e2e.
// Callers (MATRIX_CALLERS): rep.east1, manager.east, agent1, service.manager, finance1, auditor1, admin1, and svc
// (the crm-services service account other services call with).

// prettier-ignore
const MATRIX: Record<string, string> = {
  //                                     rep mgr agt smg fin aud adm svc
  'graphql Query.account':               'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.accounts':              'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.contact':               'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.recycleBin':            'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.customFieldDefinitions':'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.customerAuditChainStatus':      'N   N   N   N   N   Y   Y   N',
  'graphql Query.customerFieldHistory':          'N   N   N   N   N   Y   Y   N',
  'graphql Query.customerAuditTrail':            'N   N   N   N   N   Y   Y   N',
  'graphql Query.poolQuota':             'Y   Y   N   N   N   N   N   N',
  'graphql Query.accountGrants':         'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.accessRequests':        'N   Y   N   Y   N   Y   Y   N',
  'graphql Query.myAccessRequests':      'Y   Y   Y   Y   N   N   N   N',
  'graphql Query.me':                    'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.users':                 'N   Y   N   Y   N   N   Y   N',
  'graphql Query.teams':                 'N   Y   N   Y   N   N   Y   N',
  'graphql Query.savedAccountViews':     'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query.ticketAccountLookup':   'N   N   Y   Y   N   N   Y   N',
  'graphql Query._entities':             'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Query._service':              'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Mutation.createAccount':      'Y   Y   N   N   N   N   Y   N',
  'graphql Mutation.updateAccount':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.deleteAccount':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.restoreAccount':     'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.mergeAccounts':      'N   Y   N   N   N   N   Y   N',
  'graphql Mutation.updateAccountTerms': 'N   N   N   N   Y   N   Y   N',
  'graphql Mutation.createContact':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.updateContact':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.deleteContact':      'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.logActivity':        'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.defineCustomField':  'N   N   N   N   N   N   Y   N',
  'graphql Mutation.archiveCustomField': 'N   N   N   N   N   N   Y   N',
  'graphql Mutation.unarchiveCustomField':'N  N   N   N   N   N   Y   N',
  'graphql Mutation.recordCustomerAuditCheckpoint':'N N   N   N   N   Y   Y   N',
  'graphql Mutation.offboardUser':       'N   N   N   N   N   N   Y   N',
  'graphql Mutation.claimAccount':       'Y   Y   N   N   N   N   N   N',
  'graphql Mutation.releaseAccount':     'Y   Y   N   Y   N   N   Y   N',
  'graphql Mutation.shareAccount':       'Y   Y   N   Y   N   N   Y   N',
  'graphql Mutation.revokeAccountGrant': 'Y   Y   N   Y   N   N   Y   N',
  'graphql Mutation.requestAccountAccess':'Y  Y   Y   Y   N   N   N   N',
  'graphql Mutation.decideAccessRequest':'N   Y   N   Y   N   N   Y   N',
  'graphql Mutation.saveAccountView':    'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Mutation.deleteAccountView':  'Y   Y   Y   Y   Y   Y   Y   N',
  'graphql Mutation.bulkAssignAccounts': 'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.bulkTagAccounts':    'Y   Y   Y   Y   N   N   Y   N',
  'graphql Mutation.bulkReleaseAccounts':'Y   Y   N   Y   N   N   Y   N',
  'grpc getAccount':                     'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc batchGetAccounts':               'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc searchAccounts':                 'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc getAccountOwner':                'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc createAccount':                  'Y   Y   N   N   N   N   Y   N',
  'grpc updateAccount':                  'Y   Y   Y   Y   N   N   Y   N',
  'grpc deleteAccount':                  'Y   Y   Y   Y   N   N   Y   N',
  'grpc restoreAccount':                 'Y   Y   Y   Y   N   N   Y   N',
  'grpc logActivity':                    'Y   Y   Y   Y   N   N   Y   N',
  'grpc createContact':                  'Y   Y   N   N   N   N   Y   N',
  'grpc findDuplicateAccounts':          'Y   Y   Y   Y   Y   Y   Y   Y',
  'grpc checkAccountAccess':             'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /healthz':                   'Y   Y   Y   Y   Y   Y   Y   Y',
  'http GET /readyz':                    'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /graphql':                  'Y   Y   Y   Y   Y   Y   Y   Y',
  'http POST /imports/accounts':         'Y   Y   N   N   N   N   Y   N',
  'http POST /imports/contacts':         'Y   Y   N   N   N   N   Y   N',
  'http GET /exports/accounts.csv':      'N   Y   N   N   Y   N   Y   N',
};

describeOperationMatrix({
  service: 'customer',
  schema: buildSubgraphSchema([{ typeDefs: customerTypeDefs() }]),
  grpcDefinition: customerV1.CustomerServiceService,
  policy: customerOperationPolicy,
  matrix: MATRIX,
  async start() {
    const harness = await startCustomerHarness('operation_policy');
    return { httpPort: harness.app.httpPort, http: harness.app.http, grpcClient: harness.client, stop: harness.stop };
  },
});
