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
export class KeycloakUserDirectory implements UserDirectory {
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
