export { Roles, hasRole, teamsOf, type Principal, type Role } from './principal';
export { TokenError, type TokenCheck } from './token-errors';
export {
  createTokenVerifier,
  bearerToken,
  API_CLIENTS,
  DEVELOPMENT_CLIENTS,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier';
export { actorFromPrincipal, systemActor, type Actor } from './actor';
export { grpcAuthenticate, httpAuthenticate, sourceIpOf, type HttpAuthenticate } from './request-authentication';
export {
  KeycloakUserDirectory,
  adminApiBase,
  type KeycloakUserDirectoryOptions,
  type ServiceAccount,
  type UserDirectory,
  type DirectoryUser,
  type DirectoryTeam,
  type UserProfileDirectory,
} from './keycloak-user-directory';
