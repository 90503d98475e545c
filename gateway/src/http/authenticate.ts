import type { RequestHandler } from 'express';

/**
 * The authentication seam of /graphql, run before the limits and the engine. Keycloak JWT verification (issuer,
 * audience, expiry, JWKS signature) will be a handler of this type; it answers 401 itself or calls next().
 */
export type Authenticate = RequestHandler;

/** Until JWT verification lands, every caller passes; the subgraphs still receive the caller's Authorization header. */
export const allowEveryCaller: Authenticate = (_req, _res, next) => next();
