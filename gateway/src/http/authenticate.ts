import type { RequestHandler } from 'express';

/**
 * The authentication seam of /graphql, run before the limits and the engine: `jwtAuthenticate` (Keycloak JWT:
 * issuer, audience, expiry, JWKS signature) in production. It answers 401 itself or calls next().
 */
export type Authenticate = RequestHandler;

/** For tests of routing and limits only: every caller passes (the subgraphs still verify the forwarded token). */
export const allowEveryCaller: Authenticate = (_req, _res, next) => next();
