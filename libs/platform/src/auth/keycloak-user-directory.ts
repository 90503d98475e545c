import { Roles } from './principal';
import {
  allowInsecureRequests,
  clientCredentialsGrant,
  discovery,
  type Configuration,
  type DiscoveryRequestOptions,
} from 'openid-client';

/** What offboarding needs to know about users and teams; Keycloak's admin API answers it in production. */
export interface UserDirectory {
  /** Ids (`sub`) of every disabled user of the realm. */
  disabledUserIds(): Promise<string[]>;
  /** Whether the user exists and is enabled. */
  isEnabled(userId: string): Promise<boolean>;
  /** The team's managers: the user ids in the `managers` attribute of the group /teams/<teamId>. */
  teamManagers(teamId: string): Promise<string[]>;
  /** The teams (group names under /teams) the user belongs to. */
  userTeams(userId: string): Promise<string[]>;
}

/** A user as the portal shows them: profile, CRM realm roles and teams. */
export interface DirectoryUser {
  id: string;
  username: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  enabled: boolean;
  /** CRM realm roles only (effective, composites included). */
  roles: string[];
  /** Team names (groups /teams/<name>). */
  teams: string[];
}

/** A team: the group /teams/<name>, its description and its managers' ids. */
export interface DirectoryTeam {
  id: string;
  name: string;
  managerIds: string[];
}

/** Who the users and teams are, for display, owner pickers and the admin view. */
export interface UserProfileDirectory {
  /** The users among these ids that exist (an unknown id is left out). */
  usersByIds(ids: readonly string[]): Promise<DirectoryUser[]>;
  /** Ids of users matching the text (username, names, email), in the directory's order, from `offset`. */
  searchUserIds(search: string | null, offset: number, max: number): Promise<string[]>;
  teams(): Promise<DirectoryTeam[]>;
}

export interface ServiceAccount {
  clientId: string;
  clientSecret: string;
}

export interface KeycloakUserDirectoryOptions extends ServiceAccount {
  /** The realm issuer, e.g. http://127.0.0.1:8080/realms/crm; the admin API is at <base>/admin/realms/<realm>. */
  issuer: string;
  /** Refresh the token this long before it expires. */
  refreshMarginMs?: number;
}

const PAGE = 100;
/** Parallel admin API calls per batch: enough for a page of owners, gentle on Keycloak. */
const LOOKUP_CONCURRENCY = 8;
const crmRoles: ReadonlySet<string> = new Set(Object.values(Roles));

interface KeycloakUser {
  id: string;
  username?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  enabled?: boolean;
}

/** Runs `work` over the items with at most `limit` in flight, keeping the input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The admin API base of a realm issuer: http://host/realms/crm -> http://host/admin/realms/crm. */
export function adminApiBase(issuer: string): string {
  const trimmed = issuer.replace(/\/$/, '');
  const base = trimmed.replace(/\/realms\/([^/]+)$/, '/admin/realms/$1');
  if (base === trimmed) throw new Error(`not a Keycloak realm issuer: ${issuer}`);
  return base;
}

/**
 * Reads users and groups through Keycloak's admin REST API as the `crm-services` service account (client
 * credentials with openid-client; the realm lets it view and query users and groups, and change nothing).
 */
export class KeycloakUserDirectory implements UserDirectory, UserProfileDirectory {
  private readonly adminBase: string;
  private config: Promise<Configuration> | null = null;
  private token: { value: string; refreshAt: number } | null = null;

  constructor(private readonly options: KeycloakUserDirectoryOptions) {
    this.adminBase = adminApiBase(options.issuer);
  }

  async disabledUserIds(): Promise<string[]> {
    const ids: string[] = [];
    for (let first = 0; ; first += PAGE) {
      const page = await this.getJson<{ id: string; enabled?: boolean }[]>(
        `/users?enabled=false&briefRepresentation=true&first=${first}&max=${PAGE}`,
      );
      // Filtered again here in case a server ignores the query parameter.
      ids.push(...page.filter((u) => u.enabled === false).map((u) => u.id));
      if (page.length < PAGE) return ids;
    }
  }

  async isEnabled(userId: string): Promise<boolean> {
    const user = await this.getJson<{ enabled?: boolean } | null>(`/users/${encodeURIComponent(userId)}`, true);
    return user?.enabled === true;
  }

  async teamManagers(teamId: string): Promise<string[]> {
    const group = await this.getJson<{ attributes?: Record<string, string[]> } | null>(
      `/group-by-path/teams/${encodeURIComponent(teamId)}`,
      true,
    );
    return group?.attributes?.managers ?? [];
  }

  async userTeams(userId: string): Promise<string[]> {
    const groups = await this.getJson<{ path?: string }[] | null>(
      `/users/${encodeURIComponent(userId)}/groups?briefRepresentation=true&max=1000`,
      true,
    );
    return (groups ?? [])
      .map((g) => g.path ?? '')
      .filter((path) => path.startsWith('/teams/'))
      .map((path) => path.slice('/teams/'.length));
  }

  async usersByIds(ids: readonly string[]): Promise<DirectoryUser[]> {
    const users = await mapBounded([...new Set(ids)], LOOKUP_CONCURRENCY, (id) => this.userById(id));
    return users.filter((u): u is DirectoryUser => u !== null);
  }

  async searchUserIds(search: string | null, offset: number, max: number): Promise<string[]> {
    const query = new URLSearchParams({ briefRepresentation: 'true', first: String(offset), max: String(max) });
    if (search) query.set('search', search);
    const page = await this.getJson<KeycloakUser[]>(`/users?${query.toString()}`);
    return page.map((u) => u.id);
  }

  async teams(): Promise<DirectoryTeam[]> {
    const parent = await this.getJson<{ id: string } | null>('/group-by-path/teams', true);
    if (!parent) return [];
    const children = await this.getJson<{ name: string; attributes?: Record<string, string[]> }[]>(
      `/groups/${encodeURIComponent(parent.id)}/children?briefRepresentation=false&max=1000`,
    );
    return children.map((g) => ({
      id: g.name,
      name: g.attributes?.description?.[0] ?? g.name,
      managerIds: g.attributes?.managers ?? [],
    }));
  }

  private async userById(id: string): Promise<DirectoryUser | null> {
    const path = `/users/${encodeURIComponent(id)}`;
    const user = await this.getJson<KeycloakUser | null>(path, true);
    if (!user) return null;
    const [roles, teams] = await Promise.all([
      this.getJson<{ name: string }[] | null>(`${path}/role-mappings/realm/composite`, true),
      this.userTeams(id),
    ]);
    return {
      id: user.id,
      username: user.username ?? user.id,
      firstName: user.firstName || null,
      lastName: user.lastName || null,
      email: user.email || null,
      enabled: user.enabled === true,
      roles: (roles ?? []).map((r) => r.name).filter((name) => crmRoles.has(name)),
      teams,
    };
  }

  /**
   * The service account's own bearer token, for calls to other services that must not depend on the caller's row
   * rules (an agent opening a ticket on an account they cannot read yet).
   */
  serviceToken(): Promise<string> {
    return this.accessToken();
  }

  private async getJson<T>(path: string, notFoundAsNull = false): Promise<T> {
    let response = await this.fetchAdmin(path);
    if (response.status === 401) {
      // Revoked or rotated keys: one retry with a fresh token.
      this.token = null;
      response = await this.fetchAdmin(path);
    }
    if (notFoundAsNull && response.status === 404) {
      await response.body?.cancel();
      return null as T;
    }
    if (!response.ok) {
      throw new Error(`Keycloak admin API GET ${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    }
    return (await response.json()) as T;
  }

  private async fetchAdmin(path: string): Promise<Response> {
    return fetch(`${this.adminBase}${path}`, {
      headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  }

  /** A client-credentials token, cached until shortly before it expires. */
  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.refreshAt) return this.token.value;
    const config = await this.configuration();
    const tokens = await clientCredentialsGrant(config);
    const lifetimeMs = (tokens.expiresIn() ?? 60) * 1000;
    const margin = Math.min(this.options.refreshMarginMs ?? 30_000, lifetimeMs / 2);
    this.token = { value: tokens.access_token, refreshAt: Date.now() + lifetimeMs - margin };
    return tokens.access_token;
  }

  private configuration(): Promise<Configuration> {
    if (!this.config) {
      const issuer = new URL(this.options.issuer);
      // The dev and test issuers are plain http on 127.0.0.1; openid-client refuses http unless told.
      const options: DiscoveryRequestOptions = issuer.protocol === 'http:' ? { execute: [allowInsecureRequests] } : {};
      this.config = discovery(issuer, this.options.clientId, this.options.clientSecret, undefined, options);
      this.config.catch(() => {
        this.config = null;
      });
    }
    return this.config;
  }
}
