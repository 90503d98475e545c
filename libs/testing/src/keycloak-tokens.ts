import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Tokens from the real Keycloak the jest global setup starts (libs/testing/keycloak/keycloak-server.mjs).
// Its issuer reaches the workers as CRM_TEST_KEYCLOAK_URL (`<url>/realms/crm`); it is unset when Keycloak
// is not installed or CRM_TEST_KEYCLOAK=off, and tests that need it fail saying so (see `describeWithKeycloak`).

const repoRoot = join(__dirname, '..', '..', '..');

/** The realm file Keycloak imports: the single source of the demo users, their passwords and the dev secrets. */
export const realmFile = join(repoRoot, 'infra', 'keycloak', 'realm-crm.json');

/** Claims of a crm access token (see infra/keycloak/README.md). */
export interface AccessTokenClaims {
  iss: string;
  /** Stable Keycloak user id (fixed in the realm file for the demo users). */
  sub: string;
  aud?: string | string[];
  exp: number;
  iat: number;
  /** The client the token was issued to. */
  azp?: string;
  /** Realm roles, flat. */
  roles?: string[];
  /** Group paths, e.g. `/teams/sales-east`. */
  groups?: string[];
  /** Ids of the user's teams (their /teams/* groups), as accounts.team_id holds them. */
  team_ids?: string[];
  preferred_username?: string;
  /** Set on client-credentials (service account) tokens. */
  client_id?: string;
  [claim: string]: unknown;
}

export interface KeycloakToken {
  /** The raw access token, for an `Authorization: Bearer` header. */
  accessToken: string;
  /** Its payload, decoded (not verified). */
  claims: AccessTokenClaims;
  expiresIn: number;
  refreshToken?: string;
}

export interface DemoUser {
  id: string;
  username: string;
  password: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  /** Group paths, e.g. `/teams/sales-east`. */
  groups: string[];
  /** Ids of those groups (team ids). */
  teamIds: string[];
}

interface RealmGroup {
  id?: string;
  name: string;
  subGroups?: RealmGroup[];
}

interface RealmFile {
  users: {
    id?: string;
    username: string;
    email?: string;
    firstName?: string;
    lastName?: string;
    realmRoles?: string[];
    groups?: string[];
    serviceAccountClientId?: string;
    credentials?: { type: string; value: string }[];
  }[];
  clients: { clientId: string; secret?: string }[];
  groups?: RealmGroup[];
}

let realmCache: RealmFile | undefined;
function realm(): RealmFile {
  realmCache ??= JSON.parse(readFileSync(realmFile, 'utf8')) as RealmFile;
  return realmCache;
}

/** Whether the run has a Keycloak (the global setup started one, or CRM_TEST_KEYCLOAK_URL names one). */
export function hasTestKeycloak(): boolean {
  return !!process.env.CRM_TEST_KEYCLOAK_URL;
}

/** `describe` for tests that need the real Keycloak: without one they fail with the reason (never skip silently). */
export function describeWithKeycloak(name: string, fn: () => void): void {
  describe(name, () => {
    beforeAll(() => {
      if (!hasTestKeycloak())
        throw new Error('no Keycloak in this run: run `make setup` (and do not set CRM_TEST_KEYCLOAK=off)');
    });
    fn();
  });
}

/** Issuer of the test realm, e.g. `http://127.0.0.1:41234/realms/crm`. */
export function keycloakIssuer(): string {
  const issuer = process.env.CRM_TEST_KEYCLOAK_URL;
  if (!issuer) {
    throw new Error(
      'CRM_TEST_KEYCLOAK_URL is not set: run tests through jest with Keycloak installed (`make setup`) and not switched off',
    );
  }
  return issuer.replace(/\/$/, '');
}

/** Base URL of the admin REST API for the realm, e.g. `http://127.0.0.1:41234/admin/realms/crm`. */
export function keycloakAdminUrl(): string {
  return keycloakIssuer().replace(/\/realms\/([^/]+)$/, '/admin/realms/$1');
}

/** Group ids of the realm file by path (`/teams/sales-east` → its id). */
export function groupIds(): Map<string, string> {
  const ids = new Map<string, string>();
  const walk = (groups: RealmGroup[] | undefined, parent: string) => {
    for (const group of groups ?? []) {
      const path = `${parent}/${group.name}`;
      if (group.id) ids.set(path, group.id);
      walk(group.subGroups, path);
    }
  };
  walk(realm().groups, '');
  return ids;
}

/** The demo users of the realm file (service accounts excluded), with their development passwords. */
export function demoUsers(): DemoUser[] {
  const ids = groupIds();
  return realm()
    .users.filter((u) => !u.serviceAccountClientId)
    .map((u) => ({
      id: u.id ?? '',
      username: u.username,
      password: u.credentials?.find((c) => c.type === 'password')?.value ?? '',
      email: u.email ?? '',
      firstName: u.firstName ?? '',
      lastName: u.lastName ?? '',
      roles: u.realmRoles ?? [],
      groups: u.groups ?? [],
      teamIds: (u.groups ?? []).map((path) => ids.get(path) ?? ''),
    }));
}

/** One demo user by username (throws for an unknown one). */
export function demoUser(username: string): DemoUser {
  const user = demoUsers().find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username} in ${realmFile}`);
  return user;
}

/**
 * The secret of a confidential client: env `KEYCLOAK_SECRET_<CLIENT_ID>` (e.g. KEYCLOAK_SECRET_CRM_FINANCE),
 * else the development secret of the realm file.
 */
export function clientSecret(clientId: string): string {
  const fromEnv = process.env[`KEYCLOAK_SECRET_${clientId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`];
  if (fromEnv) return fromEnv;
  const secret = realm().clients.find((c) => c.clientId === clientId)?.secret;
  if (!secret) throw new Error(`no secret for client ${clientId}: set KEYCLOAK_SECRET_* or use a confidential client`);
  return secret;
}

/** Decodes a JWT's payload without verifying it (tests inspect what Keycloak issued). */
export function decodeJwt<T = AccessTokenClaims>(token: string): T {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
}

export interface TokenEndpointResponse {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs a form to the realm's token endpoint and returns the status and JSON body as they are. */
export async function requestToken(form: Record<string, string>): Promise<TokenEndpointResponse> {
  const response = await fetch(`${keycloakIssuer()}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body };
}

async function token(form: Record<string, string>, what: string): Promise<KeycloakToken> {
  const { status, body } = await requestToken(form);
  if (status !== 200 || typeof body.access_token !== 'string') {
    throw new Error(`Keycloak refused ${what}: ${status} ${JSON.stringify(body)}`);
  }
  return {
    accessToken: body.access_token,
    claims: decodeJwt(body.access_token),
    expiresIn: Number(body.expires_in),
    ...(typeof body.refresh_token === 'string' ? { refreshToken: body.refresh_token } : {}),
  };
}

/**
 * A demo user's access token by direct grant on the test-only client `crm-test` (password: the demo
 * password of the realm file unless given). Throws when Keycloak refuses.
 */
export async function passwordToken(username: string, password?: string): Promise<KeycloakToken> {
  return token(
    {
      grant_type: 'password',
      client_id: 'crm-test',
      client_secret: clientSecret('crm-test'),
      username,
      password: password ?? demoUser(username).password,
      scope: 'openid',
    },
    `a password token for ${username}`,
  );
}

/** A service account's access token by client credentials (secret: env or the realm's development one). */
export async function clientCredentialsToken(clientId: string, secret?: string): Promise<KeycloakToken> {
  return token(
    { grant_type: 'client_credentials', client_id: clientId, client_secret: secret ?? clientSecret(clientId) },
    `a client-credentials token for ${clientId}`,
  );
}
