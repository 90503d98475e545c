import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  clientCredentialsToken,
  clientSecret,
  decodeJwt,
  demoUser,
  groupIds,
  demoUsers,
  describeWithKeycloak,
  keycloakAdminUrl,
  keycloakIssuer,
  passwordToken,
  realmFile,
  requestToken,
} from '../src/keycloak-tokens';

// Runs against the real Keycloak the jest global setup started with infra/keycloak/realm-crm.json imported.

const realm = JSON.parse(readFileSync(realmFile, 'utf8')) as {
  accessTokenLifespan: number;
  users: { id: string; serviceAccountClientId?: string }[];
};
const crmRoles = ['sales-rep', 'sales-manager', 'service-agent', 'service-manager', 'finance', 'auditor', 'crm-admin'];
const portalCallback = 'http://localhost:5173/auth/callback';

function audiences(aud: string | string[] | undefined): string[] {
  return aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
}

/** The portal's authorization request, without following Keycloak's redirect. */
async function authorize(params: Record<string, string>): Promise<Response> {
  const query = new URLSearchParams({
    client_id: 'crm-portal',
    response_type: 'code',
    scope: 'openid',
    state: 'state-1',
    redirect_uri: portalCallback,
    ...params,
  });
  return fetch(`${keycloakIssuer()}/protocol/openid-connect/auth?${query}`, { redirect: 'manual' });
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function adminGet(path: string, accessToken: string): Promise<Response> {
  return fetch(`${keycloakAdminUrl()}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
}

describeWithKeycloak('Keycloak realm crm', () => {
  it('publishes the issuer the tests were given, with an RS256 signing key', async () => {
    const discovery = (await (await fetch(`${keycloakIssuer()}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(discovery.issuer).toBe(keycloakIssuer());
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { alg: string; use: string }[] };
    expect(jwks.keys).toEqual(expect.arrayContaining([expect.objectContaining({ alg: 'RS256', use: 'sig' })]));
  });

  it("gives a sales rep's access token the roles, team group, stable id, audience and short lifetime", async () => {
    const rep = demoUser('rep.east1');
    const { claims } = await passwordToken('rep.east1');

    expect(claims.iss).toBe(keycloakIssuer());
    expect(claims.sub).toBe(rep.id);
    expect(claims.preferred_username).toBe('rep.east1');
    expect(claims.roles).toEqual(['sales-rep']);
    expect(claims.groups).toEqual(['/teams/sales-east']);
    expect(claims.team_ids).toEqual(['a1c3e5f7-1111-4a2b-8c3d-000000000001']); // the id scripts/seed.ts uses
    expect(audiences(claims.aud)).toContain('crm-gateway');
    expect(claims.azp).toBe('crm-test');
    expect(claims.exp - claims.iat).toBe(realm.accessTokenLifespan);
    expect(realm.accessTokenLifespan).toBe(300);
  });

  it('gives every demo user exactly their CRM roles and teams', async () => {
    const users = demoUsers();
    expect(users.map((u) => u.username)).toEqual(
      expect.arrayContaining(['rep.east1', 'manager.east', 'agent1', 'service.manager', 'finance1', 'auditor1']),
    );
    for (const role of crmRoles) expect(users.some((u) => u.roles.includes(role))).toBe(true);
    // Not the brute-force probe: its own test locks it.
    for (const user of users.filter((u) => u.username !== 'bruteforce.probe')) {
      const { claims } = await passwordToken(user.username);
      const roles = [...(claims.roles ?? [])].sort();
      const groups = [...(claims.groups ?? [])].sort();
      const teamIds = [...(claims.team_ids ?? [])].sort();
      expect({ user: user.username, sub: claims.sub, roles, groups, teamIds }).toEqual({
        user: user.username,
        sub: user.id,
        roles: [...user.roles].sort(),
        groups: [...user.groups].sort(),
        teamIds: [...user.teamIds].sort(),
      });
    }
  });

  it('gives the finance integration a client-credentials token with the finance role', async () => {
    const { claims } = await clientCredentialsToken('crm-finance');
    expect(claims.roles).toEqual(['finance']);
    expect(claims.client_id).toBe('crm-finance');
    // A stable subject: the service account's user id is fixed in the realm file.
    expect(claims.sub).toBe(realm.users.find((u) => u.serviceAccountClientId === 'crm-finance')?.id);
    expect(claims.azp).toBe('crm-finance');
    expect(audiences(claims.aud)).toContain('crm-gateway');
    expect(claims.exp - claims.iat).toBe(realm.accessTokenLifespan);

    const wrongSecret = await requestToken({
      grant_type: 'client_credentials',
      client_id: 'crm-finance',
      client_secret: 'not-the-secret',
    });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('unauthorized_client');
  });

  it('records each team with its manager, who holds the manager role', async () => {
    const { accessToken } = await clientCredentialsToken('crm-services');
    const teams: Record<string, string> = {
      '/teams/sales-east': 'manager.east',
      '/teams/sales-south': 'manager.south',
      '/teams/service': 'service.manager',
    };
    for (const [path, manager] of Object.entries(teams)) {
      const response = await adminGet(`/group-by-path${path}`, accessToken);
      expect(response.status).toBe(200);
      const group = (await response.json()) as { id: string; attributes?: Record<string, string[]> };
      const managerUser = demoUser(manager);
      expect(group.attributes?.managers).toEqual([managerUser.id]);
      expect(group.attributes?.teamId).toEqual([group.id]);
      expect(group.id).toBe(groupIds().get(path));
      const { claims } = await passwordToken(manager);
      expect(claims.groups).toEqual([path]);
      expect(claims.roles?.some((r) => r.endsWith('-manager'))).toBe(true);
    }
  });

  it('refuses a portal authorization request without PKCE S256', async () => {
    const missing = await authorize({});
    expect(missing.status).toBe(302);
    const missingTo = new URL(missing.headers.get('location') ?? '');
    expect(`${missingTo.origin}${missingTo.pathname}`).toBe(portalCallback);
    expect(missingTo.searchParams.get('error')).toBe('invalid_request');
    expect(missingTo.searchParams.get('error_description')).toMatch(/code_challenge_method/);
    expect(missingTo.searchParams.get('code')).toBeNull();

    const { verifier, challenge } = pkcePair();
    const plain = await authorize({ code_challenge: verifier, code_challenge_method: 'plain' });
    expect(plain.status).toBe(302);
    const plainTo = new URL(plain.headers.get('location') ?? '');
    expect(plainTo.searchParams.get('error')).toBe('invalid_request');

    const s256 = await authorize({ code_challenge: challenge, code_challenge_method: 'S256' });
    expect(s256.status).toBe(200); // the login page
    expect(await s256.text()).toMatch(/kc-form-login|username/);
  });

  it('rejects a redirect URI the portal did not register, without redirecting', async () => {
    const { challenge } = pkcePair();
    for (const redirect of [
      'http://evil.example.com/auth/callback',
      'http://localhost:5173/auth/callback-other',
      'http://localhost:5174/auth/callback',
    ]) {
      const response = await authorize({
        redirect_uri: redirect,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      expect({ redirect, status: response.status, location: response.headers.get('location') }).toEqual({
        redirect,
        status: 400,
        location: null,
      });
      expect(await response.text()).toContain('Invalid parameter: redirect_uri');
    }
  });

  it('does not let the portal client use the password grant', async () => {
    const response = await requestToken({
      grant_type: 'password',
      client_id: 'crm-portal',
      username: 'rep.east1',
      password: demoUser('rep.east1').password,
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('unauthorized_client');
  });

  it('locks a user temporarily after repeated wrong passwords (brute-force protection)', async () => {
    const probe = demoUser('bruteforce.probe'); // throwaway user: nothing else logs in as it
    await expect(passwordToken(probe.username)).resolves.toBeDefined();

    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await requestToken({
        grant_type: 'password',
        client_id: 'crm-test',
        client_secret: clientSecret('crm-test'),
        username: probe.username,
        password: `wrong-${attempt}`,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    }
    // The right password is now refused too, with the same answer (no hint to the attacker).
    const locked = await requestToken({
      grant_type: 'password',
      client_id: 'crm-test',
      client_secret: clientSecret('crm-test'),
      username: probe.username,
      password: probe.password,
    });
    expect(locked.status).toBe(400);
    expect(locked.body).toMatchObject({ error: 'invalid_grant', error_description: 'Invalid user credentials' });

    const { accessToken } = await clientCredentialsToken('crm-services');
    const status = (await (await adminGet(`/attack-detection/brute-force/users/${probe.id}`, accessToken)).json()) as {
      disabled: boolean;
      numFailures: number;
      failedLoginNotBefore: number;
    };
    expect(status.disabled).toBe(true);
    expect(status.failedLoginNotBefore * 1000).toBeGreaterThan(Date.now()); // temporary: it ends
    const user = (await (await adminGet(`/users/${probe.id}`, accessToken)).json()) as { enabled: boolean };
    expect(user.enabled).toBe(true); // not disabled for good
  });

  it('lets crm-services read users through the admin API, and nothing more', async () => {
    const { accessToken, claims } = await clientCredentialsToken('crm-services');
    expect(claims.client_id).toBe('crm-services');

    const response = await adminGet('/users?briefRepresentation=true&max=200', accessToken);
    expect(response.status).toBe(200);
    const users = (await response.json()) as { id: string; username: string; enabled: boolean }[];
    for (const demo of demoUsers()) {
      expect(users).toContainEqual(expect.objectContaining({ id: demo.id, username: demo.username, enabled: true }));
    }
    const search = (await (await adminGet('/users?username=manager.east&exact=true', accessToken)).json()) as {
      id: string;
    }[];
    expect(search.map((u) => u.id)).toEqual([demoUser('manager.east').id]);

    const disable = await fetch(`${keycloakAdminUrl()}/users/${demoUser('rep.east2').id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(disable.status).toBe(403);

    const { accessToken: repToken } = await passwordToken('rep.east1');
    expect((await adminGet('/users', repToken)).status).toBe(403);
  });

  it('decodes what it hands out', async () => {
    const { accessToken, claims } = await passwordToken('auditor1');
    expect(decodeJwt(accessToken)).toEqual(claims);
    expect(claims.roles).toEqual(['auditor']);
    expect(claims.groups ?? []).toEqual([]);
  });
});
