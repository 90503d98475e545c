import Keycloak from 'keycloak-js';
import type { PortalRuntimeConfig } from '../../server/runtime-config';
import { operationRoles, type PortalOperation } from '../graphql/gen/operation-roles';

/** Who is signed in, from the access token's claims (the gateway and services decide; the portal only adapts). */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  roles: readonly string[];
  teamIds: readonly string[];
  /** Team names (Keycloak groups /teams/<name>): how the sales-pipeline service names teams (leads, deals, forecasts). */
  teams?: readonly string[];
}

/** The portal's CRM roles (realm roles), as the services name them. */
export type CrmRole =
  'sales-rep' | 'sales-manager' | 'service-agent' | 'service-manager' | 'finance' | 'auditor' | 'crm-admin';

const CALLBACK_PATH = '/auth/callback';
const RETURN_TO_KEY = 'crm.returnTo';
/** Seconds of validity below which a token is refreshed before use. */
const MIN_VALIDITY_S = 30;

export type SessionState = { kind: 'signed-in'; user: SignedInUser } | { kind: 'ended' } | { kind: 'redirecting' };

/**
 * The Keycloak session: authorization code flow with PKCE (S256) against the public `crm-portal` client, silent
 * refresh with the refresh token, logout at Keycloak. A session that cannot be refreshed ends visibly (the
 * session-ended page), never by a silent redirect loop.
 */
export class PortalSession {
  private readonly keycloak: Keycloak;
  private listeners = new Set<(state: SessionState) => void>();
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  state: SessionState = { kind: 'redirecting' };

  constructor(config: PortalRuntimeConfig) {
    this.keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
    this.keycloak.onAuthRefreshError = () => this.end();
    this.keycloak.onAuthLogout = () => this.end();
  }

  /** Completes a login callback or starts a login; resolves once the state is known. */
  async start(locale: string): Promise<SessionState> {
    const authenticated = await this.keycloak.init({
      pkceMethod: 'S256',
      checkLoginIframe: false,
      redirectUri: this.callbackUrl(),
      responseMode: 'query',
    });
    if (authenticated) {
      const returnTo = sessionStorage.getItem(RETURN_TO_KEY) ?? '/';
      sessionStorage.removeItem(RETURN_TO_KEY);
      if (window.location.pathname === CALLBACK_PATH) window.history.replaceState(null, '', returnTo);
      this.refreshTimer = setInterval(() => void this.freshToken().catch(() => undefined), 20_000);
      return this.set({ kind: 'signed-in', user: this.user() });
    }
    if (window.location.pathname === '/session-ended') return this.set({ kind: 'ended' });
    await this.login(locale);
    return this.state;
  }

  /** Sends the browser to Keycloak's login page; after it, back to where the user was. */
  async login(locale: string): Promise<void> {
    const here = window.location.pathname + window.location.search;
    if (here !== CALLBACK_PATH && here !== '/session-ended') sessionStorage.setItem(RETURN_TO_KEY, here);
    this.set({ kind: 'redirecting' });
    await this.keycloak.login({ redirectUri: this.callbackUrl(), locale: locale === 'zh-CN' ? 'zh-CN' : 'en' });
  }

  async logout(): Promise<void> {
    clearInterval(this.refreshTimer);
    this.set({ kind: 'redirecting' });
    await this.keycloak.logout({ redirectUri: `${window.location.origin}/` });
  }

  /** A token valid for at least MIN_VALIDITY_S seconds (refreshed silently); ends the session when it cannot. */
  async freshToken(): Promise<string> {
    try {
      await this.keycloak.updateToken(MIN_VALIDITY_S);
    } catch {
      this.end();
      throw new Error('session ended');
    }
    if (!this.keycloak.token) {
      this.end();
      throw new Error('session ended');
    }
    return this.keycloak.token;
  }

  /** The token as it is now, for a request that must not wait (may be about to expire). */
  currentToken(): string | undefined {
    return this.keycloak.token;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The session is over (refresh refused, logged out elsewhere, or the server said so). */
  end(): void {
    if (this.state.kind === 'ended') return;
    clearInterval(this.refreshTimer);
    this.keycloak.clearToken();
    window.history.replaceState(null, '', '/session-ended');
    this.set({ kind: 'ended' });
  }

  private callbackUrl(): string {
    return `${window.location.origin}${CALLBACK_PATH}`;
  }

  private set(state: SessionState): SessionState {
    this.state = state;
    for (const listener of this.listeners) listener(state);
    return state;
  }

  private user(): SignedInUser {
    const claims = (this.keycloak.tokenParsed ?? {}) as Record<string, unknown>;
    const strings = (value: unknown): string[] =>
      Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    const username = typeof claims.preferred_username === 'string' ? claims.preferred_username : '';
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name : username;
    return {
      id: typeof claims.sub === 'string' ? claims.sub : '',
      username,
      displayName: name,
      roles: strings(claims.roles),
      teamIds: strings(claims.team_ids),
      teams: strings(claims.groups)
        .filter((g) => g.startsWith('/teams/'))
        .map((g) => g.slice('/teams/'.length)),
    };
  }
}

/** True when the user has any of the roles. */
export function hasRole(user: SignedInUser, ...roles: CrmRole[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

/**
 * True when the owning service's operation policy admits one of the user's roles for this GraphQL root field (the
 * generated copy of each service's policy/operation-policy.ts). Row rules (owner, team) still decide per record.
 */
export function mayCall(user: SignedInUser, operation: PortalOperation): boolean {
  const rules: Readonly<Record<string, readonly string[] | 'public' | 'per-operation' | undefined>> = operationRoles;
  const rule = rules[operation];
  // A public field needs no role; 'per-operation' (or a name from an older build) offers nothing rather than everything.
  if (rule === 'public') return true;
  if (!rule || rule === 'per-operation') return false;
  return rule.some((role) => user.roles.includes(role));
}
