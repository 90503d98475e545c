import { actorFromPrincipal, type Actor } from '../auth/actor';
import { requirePrincipal, type CallContext } from './call-context';

/** The peer's address without the transport prefix and port: ipv4:10.1.2.3:5123 → 10.1.2.3, ipv6:[::1]:5 → ::1. */
export function peerAddress(peer: string | undefined): string | undefined {
  if (!peer) return undefined;
  let address = peer.startsWith('ipv4:') || peer.startsWith('ipv6:') ? peer.slice(5) : peer;
  const lastColon = address.lastIndexOf(':');
  const port = address.slice(lastColon + 1);
  if (lastColon > 0 && port.length > 0 && [...port].every((c) => c >= '0' && c <= '9')) {
    address = address.slice(0, lastColon);
  }
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  return address || undefined;
}

/** The actor of a gRPC call: every call is made by a verified principal (the authenticate hook refuses others). */
export function actorOfCall(call: CallContext): Actor {
  return actorFromPrincipal(requirePrincipal(call), call.requestId, peerAddress(call.peer));
}
