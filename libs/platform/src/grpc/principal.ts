import type { Metadata } from '@grpc/grpc-js';

/** Who is calling: a user or a service account, as the bearer token says. */
export interface Principal {
  subject: string;
  roles: string[];
  groups: string[];
  /** Set for service accounts (client credentials). */
  clientId?: string;
  /** The raw bearer token, so it can be forwarded to the next service. */
  token?: string;
}

/** Turns call metadata into a principal; resolves null for anonymous calls, throws UnauthenticatedError for bad tokens. */
export type Authenticate = (metadata: Metadata) => Promise<Principal | null>;

/** The default until the JWT verifier is plugged in: reads nothing, every call is anonymous. */
export const anonymous: Authenticate = async () => null;
