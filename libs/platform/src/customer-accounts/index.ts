export {
  grpcCustomerAccounts,
  type AccountAccess,
  type AccountRef,
  type CustomerAccounts,
  type DuplicateAccount,
  type ReadableAccount,
} from './customer-accounts-client';
export { gradeOf, MalformedCustomerEvent, projectAccountFacts, requireUuid } from './account-facts-projection';
export { accountFactsFor, upsertAccountFacts, type AccountFacts, type AccountGrade } from './account-facts';
export { ACCOUNT_FACT_SUBJECTS, accountFactsMigrationSql, CUSTOMER_STREAM } from './account-facts-sql';
export { accountReadableSql, has, managesTeam, mayReadAccount, seesPool } from './account-readers';
