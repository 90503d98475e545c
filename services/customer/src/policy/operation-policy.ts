import { Roles } from '@crm/platform/auth';
import { andClients, perOperation, publicAccess, rolesMay, type OperationPolicy } from '@crm/platform/policy';

/**
 * Who may call each operation of the customer service: every GraphQL root field, gRPC method and HTTP route. The
 * transports refuse what is not here (FORBIDDEN / PERMISSION_DENIED / 403) before any handler runs; row- and
 * field-level rules (policy/account-access.ts) still decide inside. `test/operation-policy.int-spec.ts` enumerates the
 * operations from the code and fails on one without a rule here or without a row in its authorization matrix.
 */
const { salesRep, salesManager, serviceAgent, serviceManager, finance, auditor, admin } = Roles;

/** Everyone who works in the CRM: what they see is then narrowed row by row. */
const staff = rolesMay(salesRep, salesManager, serviceAgent, serviceManager, finance, auditor, admin);
/** Those who create accounts and import them (policy/account-access.ts canCreateAccounts). */
const creators = rolesMay(salesRep, salesManager, admin);
/**
 * Those who may ever hold edit access to an account (owner, team manager, an edit share or approved request, their
 * tickets' accounts for follow-ups); the row policy decides for each account. Finance and auditors never write here.
 */
const editors = rolesMay(salesRep, salesManager, serviceAgent, serviceManager, admin);
/** Owners, team managers and crm-admin: who shares, revokes and releases (a grantee does not share further). */
const ownersAndManagers = rolesMay(salesRep, salesManager, serviceManager, admin);
const auditReaders = rolesMay(auditor, admin);
const adminOnly = rolesMay(admin);
const userDirectoryReaders = rolesMay(salesManager, serviceManager, admin);
/** Other services reach accounts by gRPC with their own service account (crm-services) as well as for a user. */
const staffAndServices = andClients(staff, 'crm-services');

export const customerOperationPolicy: OperationPolicy = {
  graphql: {
    'Query.account': staff,
    'Query.accounts': staff,
    'Query.contact': staff,
    'Query.recycleBin': staff,
    'Query.customFieldDefinitions': staff,
    'Query.customerAuditChainStatus': auditReaders,
    'Query.customerFieldHistory': auditReaders,
    'Query.customerAuditTrail': auditReaders,
    'Query.poolQuota': rolesMay(salesRep, salesManager),
    'Query.accountGrants': staff,
    'Query.accessRequests': rolesMay(salesManager, serviceManager, auditor, admin),
    'Query.myAccessRequests': rolesMay(salesRep, salesManager, serviceAgent, serviceManager),
    'Query.me': staff,
    // The read-only admin view of users and teams, and the owner pickers of managers.
    'Query.users': userDirectoryReaders,
    'Query.teams': userDirectoryReaders,
    // Saved views are per user (row rule in application/saved-account-views.ts): whoever lists accounts.
    'Query.savedAccountViews': staff,
    // Opening a ticket for a caller on an account the agent cannot read yet: names, owners and masked phones only.
    'Query.ticketAccountLookup': rolesMay(serviceAgent, serviceManager, admin),
    // Federation: the gateway resolves Account/Contact/Activity references here (row policy per entity) and reads
    // the SDL for composition tooling.
    'Query._entities': staff,
    'Query._service': staff,

    'Mutation.createAccount': creators,
    'Mutation.updateAccount': editors,
    'Mutation.deleteAccount': editors,
    'Mutation.restoreAccount': editors,
    'Mutation.mergeAccounts': rolesMay(salesManager, admin),
    'Mutation.updateAccountTerms': rolesMay(finance, admin),
    'Mutation.createContact': editors,
    'Mutation.updateContact': editors,
    'Mutation.deleteContact': editors,
    'Mutation.logActivity': editors,
    'Mutation.defineCustomField': adminOnly,
    'Mutation.archiveCustomField': adminOnly,
    'Mutation.unarchiveCustomField': adminOnly,
    'Mutation.recordCustomerAuditCheckpoint': auditReaders,
    'Mutation.offboardUser': adminOnly,
    'Mutation.claimAccount': rolesMay(salesRep, salesManager),
    'Mutation.releaseAccount': ownersAndManagers,
    'Mutation.shareAccount': ownersAndManagers,
    'Mutation.revokeAccountGrant': ownersAndManagers,
    'Mutation.requestAccountAccess': rolesMay(salesRep, salesManager, serviceAgent, serviceManager),
    'Mutation.saveAccountView': staff,
    'Mutation.deleteAccountView': staff,
    // Bulk actions: the rule of the single-account mutation each repeats (updateAccount, releaseAccount).
    'Mutation.bulkAssignAccounts': editors,
    'Mutation.bulkTagAccounts': editors,
    'Mutation.bulkReleaseAccounts': ownersAndManagers,
    'Mutation.decideAccessRequest': rolesMay(salesManager, serviceManager, admin),
  },
  grpc: {
    getAccount: staffAndServices,
    batchGetAccounts: staffAndServices,
    searchAccounts: staffAndServices,
    getAccountOwner: staffAndServices,
    createAccount: creators,
    updateAccount: editors,
    deleteAccount: editors,
    restoreAccount: editors,
    logActivity: editors,
    // The lead conversion's creates run as the converting user (their token in the metadata).
    createContact: creators,
    findDuplicateAccounts: staffAndServices,
    checkAccountAccess: staffAndServices,
  },
  http: {
    'GET /healthz': publicAccess,
    'GET /readyz': publicAccess,
    'POST /graphql': perOperation,
    'POST /imports/accounts': creators,
    'POST /imports/contacts': creators,
    'GET /exports/accounts.csv': rolesMay(salesManager, finance, admin),
  },
};
