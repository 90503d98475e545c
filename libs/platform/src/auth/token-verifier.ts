import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Principal } from './principal';
import { TokenError } from './token-errors';

/** The realm's clients whose access tokens the APIs accept (infra/keycloak/realm-crm.json). */
export const API_CLIENTS: readonly string[] = ['crm-portal', 'crm-finance', 'crm-services'];
/** Test-only clients (password grant for the demo users): accepted only with `allowDevelopmentClients`. */
export const DEVELOPMENT_CLIENTS: readonly string[] = ['crm-test', 'crm-test-shortlived'];
/** Keycloak's `typ` claim of an access token (ID tokens say `ID`, refresh tokens `Refresh`). */
const ACCESS_TOKEN_TYPE = 'Bearer';

export interface TokenVerifierOptions {
  /** The realm's issuer, e.g. http://127.0.0.1:8080/realms/crm. */
  issuer: string;
  /** The audience every API requires (crm-gateway). */
  audience: string;
  /** Defaults to the issuer's OpenID Connect certs endpoint. */
  jwksUri?: string;
  /** Allowed clock skew; small, since access tokens live minutes. */
  clockToleranceSec?: number;
  /** Minimum time between two JWKS fetches when an unknown key id shows up (rotation). */
  jwksCooldownMs?: number;
  /** How long fetched keys are trusted before a refetch. */
  jwksCacheMaxAgeMs?: number;
  /** Clients (`azp`) whose tokens are accepted; default API_CLIENTS. */
  allowedClients?: readonly string[];
  /** Also accept DEVELOPMENT_CLIENTS (AUTH_ALLOW_DEVELOPMENT_CLIENTS=true: `make dev` and the tests only). */
  allowDevelopmentClients?: boolean;
}

export interface TokenVerifier {
  verify(token: string | undefined | null): Promise<Principal>;
}

// Keycloak signs with RS256 by default; asymmetric algorithms only, so neither `none` nor an HMAC key confusion passes.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function principalOf(payload: JWTPayload, token: string): Principal {
  const realmAccess = payload.realm_access as { roles?: unknown } | undefined;
  const roles = stringArray(payload.roles).length ? stringArray(payload.roles) : stringArray(realmAccess?.roles);
  const username = typeof payload.preferred_username === 'string' ? payload.preferred_username : undefined;
  const clientId =
    typeof payload.client_id === 'string'
      ? payload.client_id
      : username?.startsWith('service-account-')
        ? String(payload.azp)
        : undefined;
  return {
    subject: String(payload.sub),
    username,
    roles,
    groups: stringArray(payload.groups),
    ...(clientId ? { clientId } : {}),
    token,
    expiresAt: payload.exp ? new Date(payload.exp * 1000) : undefined,
  };
}

function mapError(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWTExpired) return new TokenError('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new TokenError('issuer');
    if (error.claim === 'aud') return new TokenError('audience');
    if (error.claim === 'nbf') return new TokenError('not_yet_valid');
    return new TokenError('claims', error.claim);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenError('algorithm');
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new TokenError('signature');
  }
  const message =
    typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : '';
  // fetch failures come from undici (another realm under jest): recognised by message, not by class.
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    /fetch failed|ECONNREFUSED|network|Expected 200 OK/i.test(message)
  ) {
    return new TokenError('keys_unavailable');
  }
  return new TokenError('malformed');
}

/**
 * Verifies Keycloak access tokens with jose against the realm's JWKS: signature, issuer, audience, expiry and
 * not-before; then that it is an access token (`typ` Bearer, not an ID or refresh token) of an allowed client (`azp`). Keys are cached; a token signed by a key id not in the cache triggers a refetch (key rotation).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const clients = new Set([
    ...(options.allowedClients ?? API_CLIENTS),
    ...(options.allowDevelopmentClients ? DEVELOPMENT_CLIENTS : []),
  ]);
  const jwks = createRemoteJWKSet(new URL(options.jwksUri ?? `${options.issuer}/protocol/openid-connect/certs`), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 10 * 60_000,
    timeoutDuration: 5_000,
  });
  return {
    async verify(token) {
      if (!token) throw new TokenError('missing');
      if (token.split('.').length !== 3) throw new TokenError('malformed');
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ALGORITHMS,
          clockTolerance: options.clockToleranceSec ?? 5,
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        if (payload.typ !== ACCESS_TOKEN_TYPE) throw new TokenError('token_type', `typ is ${String(payload.typ)}`);
        if (typeof payload.azp !== 'string' || !clients.has(payload.azp)) {
          throw new TokenError('client', `azp is ${String(payload.azp)}`);
        }
        return principalOf(payload, token);
      } catch (error) {
        throw mapError(error);
      }
    },
  };
}

/** `Authorization: Bearer <token>` → the token; anything else → null. */
export function bearerToken(header: string | string[] | undefined | null): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}
