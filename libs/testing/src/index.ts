export { createTestDatabase, type TestDatabase } from './test-database';
export { startNats, natsServerBinary, type NatsServer, type NatsServerOptions } from './nats-server';
export { freePort } from './ports';
export { startStack, freeStackPorts, defaultDevPorts, repoRoot, type Stack, type StackOptions } from './platform-stack';
export { stackServices, type StackService } from './stack-services';
export {
  passwordToken,
  clientCredentialsToken,
  requestToken,
  decodeJwt,
  demoUsers,
  demoUser,
  groupIds,
  clientSecret,
  keycloakIssuer,
  keycloakAdminUrl,
  hasTestKeycloak,
  describeWithKeycloak,
  realmFile,
  type AccessTokenClaims,
  type KeycloakToken,
  type DemoUser,
  type TokenEndpointResponse,
} from './keycloak-tokens';
export { migrateService, spawnService, stackService, type ServiceProcess } from './service-process';
export {
  readStream,
  serviceClient,
  type GraphQLErrorBody,
  type GraphQLResponseBody,
  type ServiceClient,
  type StreamEvent,
} from './service-client';
export { dummyCall } from './graphql-dummy-call';
export {
  describeOperationMatrix,
  MATRIX_CALLERS,
  type MatrixTarget,
  type OperationMatrixOptions,
} from './operation-matrix';
export { eventually } from './eventually';
