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
/** Forecasts and quotas: reps (their own), managers (their teams), finance, auditors, crm-admin. */
const forecastReaders = rolesMay(salesRep, salesManager, finance, auditor, admin);
/** Recording a forecast snapshot changes data, so auditors (who never change anything) may not. */
const forecastRecorders = rolesMay(salesRep, salesManager, finance, admin);
const teamManagers = rolesMay(salesManager, admin);
const rateMaintainers = rolesMay(finance, admin);
/** Other services read deals by gRPC with their own service account (crm-services) as well as for a user. */
const staffAndServices = andClients(staff, 'crm-services');
/** Who reopens closed deals and hands deals to another owner: the owner's managers and crm-admin (row rule inside). */
const dealManagers = rolesMay(salesManager, admin);
/** Everyone in sales reads the price book; finance and crm-admin maintain it. */
const priceBookReaders = rolesMay(salesRep, salesManager, finance, auditor, admin);
const priceBookMaintainers = rolesMay(finance, admin);
/** Quotes above the discount threshold are decided by a manager of the owner's team or crm-admin. */
const quoteApprovers = rolesMay(salesManager, admin);
/** A contract's money: its owner, their managers, finance and crm-admin (policy/contract-money-access.ts inside). */
const contractMoney = rolesMay(salesRep, salesManager, finance, admin);
/** Finance systems write back and sync as the crm-finance service account; finance and crm-admin users may too. */
const financeSystems = andClients(rolesMay(finance, admin), 'crm-finance');
/** Leads: sales staff work them (row rules: owner, team's sales managers, crm-admin), auditors read them. */
const leadReaders = rolesMay(salesRep, salesManager, auditor, admin);
/** Manual lead assignment: sales managers (of the lead's team, checked per row) and crm-admin. */
const leadAssigners = rolesMay(salesManager, admin);

export const salesOperationPolicy: OperationPolicy = {
  graphql: {
    'Query.pipelines': staff,
    'Query.pipeline': staff,
    'Query.opportunity': staff,
    'Query.opportunities': staff,
    'Query.lead': leadReaders,
    'Query.leads': leadReaders,
    'Query.leadAssignmentRules': adminOnly,
    'Query.leadConversionCandidates': sellers,
    'Query.webForms': adminOnly,
    'Query.salesAuditChainStatus': auditReaders,
    'Query.salesFieldHistory': auditReaders,
    'Query.salesAuditTrail': auditReaders,
    // Federation: the gateway resolves Opportunity/Pipeline/Stage references and Account.opportunities here (row
    // policy per entity) and reads the SDL for composition tooling.
    'Query.exchangeRates': staff,
    'Query.exchangeRateOn': staff,
    'Query.forecast': forecastReaders,
    'Query.forecastSnapshots': forecastReaders,
    'Query.quotas': forecastReaders,
    'Query.stageCycleTimes': sellers,
    'Query.pipelineBoard': staff,
    'Query.stageDeals': staff,
    'Query.products': priceBookReaders,
    'Query.quote': staff,
    'Query.quotesAwaitingMyApproval': quoteApprovers,
    'Query.contract': staff,
    'Query.contracts': staff,
    'Query._entities': staff,
    'Query._service': staff,
    'Query.paymentPlan': contractMoney,
    'Query.financeChanges': financeSystems,
    'Query.receivables': financeSystems,

    'Mutation.createPipeline': adminOnly,
    'Mutation.createOpportunity': sellers,
    'Mutation.recordSalesAuditCheckpoint': auditReaders,
    'Mutation.recordExchangeRate': rateMaintainers,
    'Mutation.recordForecastSnapshot': forecastRecorders,
    'Mutation.adjustTeamForecast': teamManagers,
    'Mutation.setQuota': teamManagers,
    'Mutation.updatePipeline': adminOnly,
    'Mutation.archivePipeline': adminOnly,
    'Mutation.moveOpportunityStage': sellers,
    'Mutation.reopenOpportunity': dealManagers,
    'Mutation.updateOpportunity': sellers,
    'Mutation.setOpportunityContactRoles': sellers,
    'Mutation.transferOpportunity': dealManagers,
    'Mutation.createProduct': priceBookMaintainers,
    'Mutation.updateProduct': priceBookMaintainers,
    'Mutation.setPrice': priceBookMaintainers,
    'Mutation.setOpportunityLineItems': sellers,
    'Mutation.createQuote': sellers,
    'Mutation.submitQuote': sellers,
    'Mutation.approveQuote': quoteApprovers,
    'Mutation.rejectQuote': quoteApprovers,
    'Mutation.acceptQuote': sellers,
    'Mutation.createContract': sellers,
    'Mutation.signContract': sellers,
    'Mutation.setPaymentPlan': contractMoney,
    'Mutation.recordReceipt': contractMoney,
    'Mutation.recordInvoice': financeSystems,
    'Mutation.recordPayment': financeSystems,
    'Mutation.createLead': sellers,
    'Mutation.updateLead': sellers,
    'Mutation.qualifyLead': sellers,
    'Mutation.disqualifyLead': sellers,
    'Mutation.assignLead': leadAssigners,
    'Mutation.defineLeadAssignmentRule': adminOnly,
    'Mutation.deleteLeadAssignmentRule': adminOnly,
    'Mutation.convertLead': sellers,
    'Mutation.abandonLeadConversion': sellers,
    'Mutation.createWebForm': adminOnly,
    'Mutation.deactivateWebForm': adminOnly,
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
    // Public web forms: the only unauthenticated write (the form's key, its rate limit and the spam check guard it).
    'POST /web-forms/:key/submissions': publicAccess,
    'GET /web-forms/:key/render': publicAccess,
    'POST /imports/leads': sellers,
  },
};
