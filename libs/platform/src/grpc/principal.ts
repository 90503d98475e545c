import type { Metadata } from '@grpc/grpc-js';
import type { Principal } from '../auth/principal';

export type { Principal };

/** Turns call metadata into a principal; resolves null for anonymous calls, throws UnauthenticatedError for bad tokens. */
export type Authenticate = (metadata: Metadata) => Promise<Principal | null>;

/** Reads nothing: every call is anonymous (handlers that need a principal then refuse with UNAUTHENTICATED). */
export const anonymous: Authenticate = async () => null;
