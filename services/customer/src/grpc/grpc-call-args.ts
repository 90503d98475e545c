import { InputError } from '@crm/platform/errors';
import { actorFromPrincipal, type Actor } from '@crm/platform/auth';
import { requirePrincipal, type CallContext } from '@crm/platform/grpc';
import { isUuid } from '../domain/uuid';

/** Every call is made by a verified principal (the authenticate hook refuses anonymous calls first). */
export function actorOf(call: CallContext): Actor {
  // The address without the transport prefix and port: ipv4:10.1.2.3:5123 → 10.1.2.3.
  const address = call.peer
    ?.replace(/^ipv[46]:/, '')
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '');
  return actorFromPrincipal(requirePrincipal(call), call.requestId, address || undefined);
}

/** proto3 sends '' for an id left out: refuse it (and any non-UUID) as bad input, never as a database error. */
export function uuidOf(value: string, path: (string | number)[]): string {
  if (!isUuid(value)) throw InputError.single(path, 'uuid', 'must be a UUID');
  return value;
}
