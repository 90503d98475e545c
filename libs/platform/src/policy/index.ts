export {
  admits,
  andClients,
  checkOperation,
  operationRefused,
  perOperation,
  publicAccess,
  rolesMay,
  type AccessRule,
  type Caller,
} from './access-rule';
export { policyCoverage, type OperationPolicy, type PolicyCoverage, type ServiceOperations } from './operation-policy';
export { enforceGraphqlPolicy, graphqlRootOperations } from './graphql-operations';
export { findHttpRule, gatePrincipal, httpPolicyGate, httpRoutesOf } from './http-operations';
