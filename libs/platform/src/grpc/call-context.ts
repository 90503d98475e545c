import type { Metadata } from '@grpc/grpc-js';
import { UnauthenticatedError } from '../errors';
import type { Principal } from './principal';

/** What a handler knows about the call besides its request message. */
export interface CallContext {
  requestId: string;
  principal: Principal | null;
  metadata: Metadata;
  /** When the caller stops waiting; null when the caller set no deadline. */
  deadline: Date | null;
  /** Aborted when the caller cancels or the deadline passes: pass it on to long work. */
  signal: AbortSignal;
  /** The caller's address as the transport saw it (e.g. ipv4:10.1.2.3:51234), for the audit log. */
  peer?: string;
}

/** The principal of the call, or UNAUTHENTICATED. */
export function requirePrincipal(ctx: CallContext): Principal {
  if (!ctx.principal) throw new UnauthenticatedError();
  return ctx.principal;
}
