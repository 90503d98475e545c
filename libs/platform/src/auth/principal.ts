/** Who is calling: a user or a service account, as the verified bearer token says. */
export interface Principal {
  /** Keycloak's stable user id (`sub`). */
  subject: string;
  username?: string;
  /** Realm roles: sales-rep, sales-manager, service-agent, service-manager, finance, auditor, crm-admin. */
  roles: string[];
  /** Group paths; teams are /teams/<name>. */
  groups: string[];
  /** Set for service accounts (client credentials): the OAuth client id. */
  clientId?: string;
  /** The raw bearer token, so it can be forwarded to the next service. */
  token?: string;
  expiresAt?: Date;
}

export const Roles = {
  salesRep: 'sales-rep',
  salesManager: 'sales-manager',
  serviceAgent: 'service-agent',
  serviceManager: 'service-manager',
  finance: 'finance',
  auditor: 'auditor',
  admin: 'crm-admin',
} as const;

export type Role = (typeof Roles)[keyof typeof Roles];

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

/** The teams (group names under /teams/) the principal belongs to. */
export function teamsOf(principal: Principal): string[] {
  return principal.groups.filter((g) => g.startsWith('/teams/')).map((g) => g.slice('/teams/'.length));
}
