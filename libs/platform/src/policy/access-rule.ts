import { NotAllowedError, UnauthenticatedError } from '../errors';
import type { Role } from '../auth/principal';

/**
 * Who may call one operation (a GraphQL root field, a gRPC method, an HTTP route). Row- and field-level rules still
 * apply inside: this is the first gate, and the only one an undeclared operation meets.
 */
export type AccessRule =
  /** Anyone, without a token: health probes only. */
  | { readonly kind: 'public' }
  /** An endpoint that dispatches to operations with rules of their own (POST /graphql: one rule per root field). */
  | { readonly kind: 'per-operation' }
  /** A caller holding any of `roles`, or a service account whose OAuth client is among `clients`. */
  | { readonly kind: 'roles'; readonly roles: readonly Role[]; readonly clients: readonly string[] };

/** Who is calling, as the verified token says; null for a call without a token. */
export interface Caller {
  roles: readonly string[];
  clientId?: string;
}

export const publicAccess: AccessRule = { kind: 'public' };

/** The GraphQL endpoint: each root field of the request meets its own rule, and the request context authenticates. */
export const perOperation: AccessRule = { kind: 'per-operation' };

/** Callers holding any of these roles. */
export function rolesMay(...roles: Role[]): AccessRule {
  if (!roles.length) throw new Error('rolesMay needs at least one role: an operation nobody may call has no rule');
  return { kind: 'roles', roles, clients: [] };
}

/** The same rule, also granted to the service accounts of these OAuth clients (service-to-service calls). */
export function andClients(rule: AccessRule, ...clients: string[]): AccessRule {
  if (rule.kind !== 'roles') throw new Error('a public operation needs no clients');
  return { ...rule, clients: [...rule.clients, ...clients] };
}

export function admits(rule: AccessRule, caller: Caller | null): boolean {
  if (rule.kind === 'public' || rule.kind === 'per-operation') return true;
  if (!caller) return false;
  if (caller.clientId && rule.clients.includes(caller.clientId)) return true;
  return rule.roles.some((role) => caller.roles.includes(role));
}

/** Why a caller was turned away at the gate: no rule at all (default deny), or a rule that does not admit them. */
export function operationRefused(operation: string, rule: AccessRule | undefined): NotAllowedError {
  if (!rule) {
    return new NotAllowedError(`${operation} has no access rule: refused by default`, {
      operation,
      rule: 'operation-policy.undeclared',
    });
  }
  const who = rule.kind === 'roles' ? [...rule.roles, ...rule.clients].join(', ') : 'anyone';
  return new NotAllowedError(`${operation} is for ${who}`, { operation, rule: 'operation-policy.roles' });
}

/** Throws the refusal unless the rule exists and admits the caller; a declared operation asks an anonymous caller to sign in. */
export function checkOperation(operation: string, rule: AccessRule | undefined, caller: Caller | null): void {
  if (rule && !caller && rule.kind === 'roles') throw new UnauthenticatedError(`${operation} needs a bearer token`);
  if (!rule || !admits(rule, caller)) throw operationRefused(operation, rule);
}
