import {
  clientCredentialsToken,
  clientSecret,
  decodeJwt,
  demoUser,
  describeWithKeycloak,
  keycloakIssuer,
  requestToken,
} from '@crm/testing';
import { createTokenVerifier, TokenError, type TokenCheck } from '../src/auth';

async function refusal(promise: Promise<unknown>): Promise<TokenCheck | 'accepted'> {
  return promise.then(
    () => 'accepted' as const,
    (error: unknown) => {
      if (!(error instanceof TokenError)) throw error;
      return error.check;
    },
  );
}

describeWithKeycloak('which real Keycloak tokens the APIs accept', () => {
  const audience = 'crm-gateway';
  let tokens: { access: string; id: string; refresh: string };

  beforeAll(async () => {
    const { status, body } = await requestToken({
      grant_type: 'password',
      client_id: 'crm-test',
      client_secret: clientSecret('crm-test'),
      username: 'rep.east1',
      password: demoUser('rep.east1').password,
      scope: 'openid',
    });
    if (status !== 200) throw new Error(`Keycloak refused the password grant: ${status} ${JSON.stringify(body)}`);
    tokens = { access: String(body.access_token), id: String(body.id_token), refresh: String(body.refresh_token) };
  });

  it('refuses the test-only crm-test client unless development clients are allowed', async () => {
    const production = createTokenVerifier({ issuer: keycloakIssuer(), audience });
    const development = createTokenVerifier({ issuer: keycloakIssuer(), audience, allowDevelopmentClients: true });

    expect(await refusal(production.verify(tokens.access))).toBe('client');
    await expect(development.verify(tokens.access)).resolves.toMatchObject({ username: 'rep.east1' });
  });

  it('refuses an ID token and a refresh token, even from an allowed client', async () => {
    const development = createTokenVerifier({ issuer: keycloakIssuer(), audience, allowDevelopmentClients: true });
    expect(await refusal(development.verify(tokens.id))).not.toBe('accepted');
    expect(await refusal(development.verify(tokens.refresh))).not.toBe('accepted');
    // Even a verifier whose audience the ID token carries refuses it for its type.
    expect(decodeJwt(tokens.id).typ).toBe('ID');
    const idAudience = createTokenVerifier({
      issuer: keycloakIssuer(),
      audience: 'crm-test',
      allowDevelopmentClients: true,
    });
    expect(await refusal(idAudience.verify(tokens.id))).toBe('token_type');
  });

  it("accepts an allowed client's access token and refuses the same token where that client is not allowed", async () => {
    const finance = await clientCredentialsToken('crm-finance');
    const api = createTokenVerifier({ issuer: keycloakIssuer(), audience });
    await expect(api.verify(finance.accessToken)).resolves.toMatchObject({ clientId: 'crm-finance' });
    const portalOnly = createTokenVerifier({ issuer: keycloakIssuer(), audience, allowedClients: ['crm-portal'] });
    expect(await refusal(portalOnly.verify(finance.accessToken))).toBe('client');
  });
});
