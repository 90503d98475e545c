import type { Metadata } from '@grpc/grpc-js';
import type { Request } from 'express';
import type { Principal } from './principal';
import { bearerToken, type TokenVerifier } from './token-verifier';

/** Verifies the bearer token of an HTTP request (GraphQL, imports, exports); throws TokenError when it is not valid. */
export type HttpAuthenticate = (req: Request) => Promise<Principal>;

/** gRPC: every call must carry a valid Keycloak token in `authorization` metadata (no service trusts the network). */
export function grpcAuthenticate(verifier: TokenVerifier): (metadata: Metadata) => Promise<Principal> {
  return async (metadata: Metadata) => {
    const value = metadata.get('authorization')[0];
    return verifier.verify(bearerToken(typeof value === 'string' ? value : null));
  };
}

/** HTTP (GraphQL and routes): the token the gateway forwarded, verified again here. */
export function httpAuthenticate(verifier: TokenVerifier): HttpAuthenticate {
  return (req) => verifier.verify(bearerToken(req.headers.authorization));
}

/** The caller's address as the first proxy saw it, for the audit log. */
export function sourceIpOf(req: Request): string | undefined {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || undefined;
}
