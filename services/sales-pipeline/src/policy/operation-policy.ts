import { Roles } from '@crm/platform/auth';
import { andClients, perOperation, publicAccess, rolesMay, type OperationPolicy } from '@crm/platform/policy';

/**
 * Who may call each operation of the sales-pipeline service: every GraphQL root field, gRPC method and HTTP route.
 * The transports refuse what is not here (FORBIDDEN / PERMISSION_DENIED / 403) before any handler runs; the row rules
 * (policy/deal-access.ts) still decide inside. `test/operation-policy.int-spec.ts` enumerates the operations from the
 * code and fails on one without a rule here or without a row in its authorization matrix.
 */
const { salesRep, salesManager, serviceAgent, serviceManager, finance, auditor, admin } = Roles;

/** Everyone who works in the CRM: what they see is then narrowed row by row (a deal's account opens it to them). */
const staff = rolesMay(salesRep, salesManager, serviceAgent, serviceManager, finance, auditor, admin);
/** Who creates and works deals (policy/deal-access.ts canCreateDeals). */
const sellers = rolesMay(salesRep, salesManager, admin);
const auditReaders = rolesMay(auditor, admin);
const adminOnly = rolesMay(admin);
/** Other services read deals by gRPC with their own service account (crm-services) as well as for a user. */
const staffAndServices = andClients(staff, 'crm-services');
/** A contract's money: its owner, their managers, finance and crm-admin (policy/contract-money-access.ts inside). */
const contractMoney = rolesMay(salesRep, salesManager, finance, admin);
/** Finance systems write back and sync as the crm-finance service account; finance and crm-admin users may too. */
const financeSystems = andClients(rolesMay(finance, admin), 'crm-finance');

export const salesOperationPolicy: OperationPolicy = {
  graphql: {
    'Query.pipelines': staff,
    'Query.pipeline': staff,
    'Query.opportunity': staff,
    'Query.opportunities': staff,
    'Query.salesAuditChainStatus': auditReaders,
    'Query.salesFieldHistory': auditReaders,
    'Query.salesAuditTrail': auditReaders,
    // Federation: the gateway resolves Opportunity/Pipeline/Stage references and Account.opportunities here (row
    // policy per entity) and reads the SDL for composition tooling.
    'Query._entities': staff,
    'Query._service': staff,
    'Query.paymentPlan': contractMoney,
    'Query.financeChanges': financeSystems,
    'Query.receivables': financeSystems,

    'Mutation.createPipeline': adminOnly,
    'Mutation.createOpportunity': sellers,
    'Mutation.recordSalesAuditCheckpoint': auditReaders,
    'Mutation.setPaymentPlan': contractMoney,
    'Mutation.recordReceipt': contractMoney,
    'Mutation.recordInvoice': financeSystems,
    'Mutation.recordPayment': financeSystems,
  },
  grpc: {
    getOpportunity: staffAndServices,
    batchGetOpportunities: staffAndServices,
    listAccountOpportunities: staffAndServices,
  },
  http: {
    'GET /healthz': publicAccess,
    'GET /readyz': publicAccess,
    'POST /graphql': perOperation,
  },
};
