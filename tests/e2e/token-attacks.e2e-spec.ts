import { Metadata } from '@grpc/grpc-js';
import { generateKeyPair, SignJWT } from 'jose';
import { customerV1 } from '@crm/contracts';
import { UnauthenticatedError } from '@crm/platform/errors';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { decodeJwt, demoUser, keycloakIssuer, passwordToken, requestToken, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';

// Every attack is tried against the gateway and again directly against the customer service (GraphQL and gRPC):
// no service trusts the network, so each one must refuse the token on its own.

const QUERY = '{ accounts(first: 1) { edges { node { id } } } }';

function segments(token: string): [Record<string, unknown>, Record<string, unknown>, string] {
  const [header, payload, signature] = token.split('.');
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [json(header), json(payload), signature];
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('token attacks are refused by the gateway and by the service', () => {
  let stack: Stack;
  let valid: string;
  const attacks: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startE2eStack('tokens');
    valid = (await passwordToken('rep.east1')).accessToken;
    const [header, payload, signature] = segments(valid);

    // A genuine token whose lifetime (1 s on this test-only client) has run out, past the verifier's 5 s leeway.
    const shortLived = await requestToken({
      grant_type: 'password',
      client_id: 'crm-test-shortlived',
      client_secret: 'dev-crm-test-shortlived-secret',
      username: 'rep.east1',
      password: demoUser('rep.east1').password,
    });
    attacks.expired = String(shortLived.body.access_token);

    // The token with its algorithm set to none and no signature.
    attacks.algNone = `${b64({ ...header, alg: 'none' })}.${b64(payload)}.`;

    // The same claims, signed by a key the realm never had (but naming the realm key's id).
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    attacks.otherKey = await new SignJWT({ ...payload, roles: ['crm-admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: String(header.kid), typ: 'JWT' })
      .sign(privateKey);

    // A genuine crm token for another client (admin-cli): no crm-gateway audience.
    const adminCli = await requestToken({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: 'rep.east1',
      password: demoUser('rep.east1').password,
    });
    attacks.wrongAudience = String(adminCli.body.access_token);
    expect(decodeJwt<{ aud?: unknown }>(attacks.wrongAudience).aud ?? []).not.toContain('crm-gateway');

    // A genuine token of another realm whose user holds a role named crm-admin and whose client adds our audience.
    const base = keycloakIssuer().replace(/\/realms\/crm$/, '');
    const partner = await fetch(`${base}/realms/partner/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'partner-app',
        username: 'outsider',
        password: 'dev-outsider',
      }),
    });
    attacks.otherRealm = String(((await partner.json()) as { access_token: string }).access_token);
    expect(decodeJwt<{ iss: string; roles: string[] }>(attacks.otherRealm)).toMatchObject({
      iss: `${base}/realms/partner`,
      roles: ['crm-admin'],
    });

    // The rep's token with the payload changed to claim crm-admin, the original signature kept.
    attacks.tamperedPayload = `${b64(header)}.${b64({ ...payload, roles: ['crm-admin'] })}.${signature}`;

    // Let the short-lived token expire beyond the clock tolerance.
    await new Promise((r) => setTimeout(r, 7_000));
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const expectedCheck: Record<string, string> = {
    expired: 'expired',
    algNone: 'algorithm',
    otherKey: 'signature',
    wrongAudience: 'audience',
    // Signed by the partner realm's own keys: refused at the signature, before its issuer is even read.
    otherRealm: 'signature',
    tamperedPayload: 'signature',
  };

  async function viaGateway(token: string | null) {
    const res = await fetch(stack.urls.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: QUERY }),
    });
    return { status: res.status, text: await res.text() };
  }

  async function viaSubgraph(token: string | null) {
    const res = await fetch(stack.urls.customerGraphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: QUERY }),
    });
    return { status: res.status, text: await res.text() };
  }

  async function viaGrpc(token: string | null) {
    const client = createGrpcClient(customerV1.CustomerServiceClient, stack.urls.customerGrpc, { maxAttempts: 1 });
    const metadata = new Metadata();
    if (token) metadata.set('authorization', `Bearer ${token}`);
    try {
      await callUnary(client.searchAccounts, customerV1.SearchAccountsRequest.fromPartial({ query: '' }), { metadata });
      return 'OK';
    } catch (error) {
      return error instanceof UnauthenticatedError
        ? 'UNAUTHENTICATED'
        : `other: ${(error as { code?: number }).code ?? String(error)}`;
    } finally {
      client.close();
    }
  }

  it('a valid token passes everywhere (the control)', async () => {
    expect((await viaGateway(valid)).status).toBe(200);
    expect((await viaSubgraph(valid)).status).toBe(200);
    expect(await viaGrpc(valid)).toBe('OK');
  });

  it('a missing token gets 401 naming the check, and UNAUTHENTICATED over gRPC', async () => {
    const gateway = await viaGateway(null);
    expect(gateway.status).toBe(401);
    expect(JSON.parse(gateway.text).errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', check: 'missing' });
    expect((await viaSubgraph(null)).status).toBe(401);
    expect(await viaGrpc(null)).toBe('UNAUTHENTICATED');
  });

  it.each(Object.keys(expectedCheck))(
    '%s: 401 at the gateway with the failed check, refused again by the service',
    async (name) => {
      const token = attacks[name];
      expect(token).toMatch(/\./);
      const gateway = await viaGateway(token);
      expect(gateway.status).toBe(401);
      const body = JSON.parse(gateway.text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', check: expectedCheck[name] });
      expect(gateway.text).not.toMatch(/at .*\.ts:\d+/); // never a stack trace

      const subgraph = await viaSubgraph(token);
      expect(subgraph.status).toBe(401);
      expect(JSON.parse(subgraph.text).errors[0].extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        check: expectedCheck[name],
      });
      expect(await viaGrpc(token)).toBe('UNAUTHENTICATED');
    },
  );
});
