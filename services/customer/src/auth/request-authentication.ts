import type { Metadata } from '@grpc/grpc-js';
import type { Request } from 'express';
import { bearerToken, type Principal, type TokenVerifier } from '@crm/platform/auth';
import type { Authenticate } from '@crm/platform/grpc';

/** gRPC: every call must carry a valid Keycloak token in `authorization` metadata (no service trusts the network). */
export function grpcAuthenticate(verifier: TokenVerifier): Authenticate {
  return async (metadata: Metadata) => {
    const value = metadata.get('authorization')[0];
    return verifier.verify(bearerToken(typeof value === 'string' ? value : null));
  };
}

/** HTTP (GraphQL and imports): the token the gateway forwarded, verified again here. */
export function httpAuthenticate(verifier: TokenVerifier): (req: Request) => Promise<Principal> {
  return (req) => verifier.verify(bearerToken(req.headers.authorization));
}

/** The caller's address as the first proxy saw it, for the audit log. */
export function sourceIpOf(req: Request): string | undefined {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || undefined;
}
