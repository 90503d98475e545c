import type { Metadata } from '@grpc/grpc-js';
import { currentRequestContext } from '../logging';
import { currentCallContext } from './current-call';
import { REQUEST_ID_HEADER } from './unary-handler';

/** Adds what the next hop must know and the caller did not set: the request id and the caller's bearer token. */
export function addCallerMetadata(metadata: Metadata): Metadata {
  if (metadata.get(REQUEST_ID_HEADER).length === 0) {
    const requestId = currentRequestContext()?.requestId;
    if (requestId) metadata.set(REQUEST_ID_HEADER, requestId);
  }
  if (metadata.get('authorization').length === 0) {
    const call = currentCallContext();
    const incoming = call?.metadata.get('authorization')[0];
    const authorization =
      typeof incoming === 'string' ? incoming : call?.principal?.token ? `Bearer ${call.principal.token}` : undefined;
    if (authorization) metadata.set('authorization', authorization);
  }
  return metadata;
}

/** The earlier of our own deadline and the incoming call's: a callee never works past the time its caller waits. */
export function effectiveDeadline(deadlineMs: number): Date {
  const own = Date.now() + deadlineMs;
  const incoming = currentCallContext()?.deadline?.getTime();
  return new Date(incoming !== undefined && incoming < own ? incoming : own);
}
