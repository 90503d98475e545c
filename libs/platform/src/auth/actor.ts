import { teamsOf, type Principal } from './principal';

/** Who is acting, with what the policy needs: roles and teams, and what the audit records. */
export interface Actor {
  /** Keycloak subject of the user or service account; 'system' for the service's own jobs. */
  id: string;
  requestId: string;
  roles: string[];
  /** Team names (Keycloak groups /teams/<name>). */
  teams: string[];
  /** The OAuth client of a service account. */
  clientId?: string;
  sourceIp?: string;
}

export function actorFromPrincipal(principal: Principal, requestId: string, sourceIp?: string): Actor {
  return {
    id: principal.subject,
    requestId,
    roles: principal.roles,
    teams: teamsOf(principal),
    ...(principal.clientId ? { clientId: principal.clientId } : {}),
    ...(sourceIp ? { sourceIp } : {}),
  };
}

/** A service's own scheduled work (purge, pool return, offboarding): acts with the admin's reach, audited as 'system'. */
export const systemActor = (requestId: string): Actor => ({ id: 'system', requestId, roles: ['crm-admin'], teams: [] });
