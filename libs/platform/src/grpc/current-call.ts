import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallContext } from './call-context';

// Lets an outgoing call forward the incoming call's credentials without every handler threading them through.
const currentCall = new AsyncLocalStorage<CallContext>();

export function runWithCallContext<T>(ctx: CallContext, fn: () => T): T {
  return currentCall.run(ctx, fn);
}

/** The gRPC call being handled, if any. */
export function currentCallContext(): CallContext | undefined {
  return currentCall.getStore();
}
