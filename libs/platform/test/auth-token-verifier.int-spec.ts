import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import { createTokenVerifier, TokenError, type TokenCheck } from '../src/auth';

const issuer = 'http://issuer.test/realms/crm';
const audience = 'crm-gateway';

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

function sign(
  key: Key,
  claims: Record<string, unknown> = {},
  options: { exp?: string | number; iat?: number; nbf?: number; iss?: string; aud?: string } = {},
) {
  const jwt = new SignJWT({
    roles: ['sales-rep'],
    groups: ['/teams/sales-east'],
    preferred_username: 'rep.east1',
    typ: 'Bearer',
    azp: 'crm-portal',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject('0b7e9a1c-1111-4d2e-8f00-000000000001')
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? audience)
    .setIssuedAt(options.iat)
    .setExpirationTime(options.exp ?? '5m');
  if (options.nbf) jwt.setNotBefore(options.nbf);
  return jwt.sign(key.privateKey);
}

async function expectCheck(promise: Promise<unknown>, check: TokenCheck): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  expect((error as TokenError).check).toBe(check);
}

describe('bearer token verification (jose, remote JWKS)', () => {
  let server: Server;
  let keys: Key[];
  let fetches = 0;
  let jwksUri: string;

  beforeAll(async () => {
    keys = [await newKey('k1')];
    server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const verifier = () => createTokenVerifier({ issuer, audience, jwksUri, jwksCooldownMs: 0 });

  it('accepts a valid token and reads subject, roles and groups', async () => {
    const token = await sign(keys[0]);
    const principal = await verifier().verify(token);
    expect(principal).toMatchObject({
      subject: '0b7e9a1c-1111-4d2e-8f00-000000000001',
      username: 'rep.east1',
      roles: ['sales-rep'],
      groups: ['/teams/sales-east'],
      token,
    });
  });

  it('refuses a missing, malformed, expired or not-yet-valid token, naming the check', async () => {
    const v = verifier();
    await expectCheck(v.verify(undefined), 'missing');
    await expectCheck(v.verify('not.a-jwt'), 'malformed');
    const now = Math.floor(Date.now() / 1000);
    await expectCheck(v.verify(await sign(keys[0], {}, { iat: now - 600, exp: now - 300 })), 'expired');
    await expectCheck(v.verify(await sign(keys[0], {}, { nbf: now + 600 })), 'not_yet_valid');
  });

  it('refuses another issuer and another audience', async () => {
    const v = verifier();
    await expectCheck(v.verify(await sign(keys[0], {}, { iss: 'http://issuer.test/realms/other' })), 'issuer');
    await expectCheck(v.verify(await sign(keys[0], {}, { aud: 'account' })), 'audience');
  });

  it('refuses alg none, a token signed by another key, and a tampered payload', async () => {
    const v = verifier();
    const valid = await sign(keys[0]);
    const [, payload] = valid.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    await expectCheck(v.verify(none), 'algorithm');
    const noneWithSig = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.c2ln`;
    await expectCheck(v.verify(noneWithSig), 'algorithm');

    const stranger = await newKey('k1');
    await expectCheck(v.verify(await sign(stranger)), 'signature');

    const [header, body, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, roles: ['crm-admin'] })).toString('base64url');
    await expectCheck(v.verify(`${header}.${tampered}.${signature}`), 'signature');
  });

  it('refuses an ID or refresh token, and a token of a client the API does not accept', async () => {
    const v = verifier();
    await expectCheck(v.verify(await sign(keys[0], { typ: 'ID' })), 'token_type');
    await expectCheck(v.verify(await sign(keys[0], { typ: 'Refresh' })), 'token_type');
    await expectCheck(v.verify(await sign(keys[0], { typ: undefined })), 'token_type');
    await expectCheck(v.verify(await sign(keys[0], { azp: 'account-console' })), 'client');
    await expectCheck(v.verify(await sign(keys[0], { azp: undefined })), 'client');
    for (const azp of ['crm-portal', 'crm-finance', 'crm-services']) {
      await expect(v.verify(await sign(keys[0], { azp }))).resolves.toMatchObject({ username: 'rep.east1' });
    }
  });

  it('accepts the test-only password-grant client only when development clients are allowed', async () => {
    const token = await sign(keys[0], { azp: 'crm-test' });
    await expectCheck(verifier().verify(token), 'client');
    const dev = createTokenVerifier({ issuer, audience, jwksUri, allowDevelopmentClients: true });
    await expect(dev.verify(token)).resolves.toMatchObject({ username: 'rep.east1' });
  });

  it('picks up a rotated signing key without a restart', async () => {
    const v = verifier();
    await v.verify(await sign(keys[0]));
    const before = fetches;
    const rotated = await newKey('k2');
    keys = [keys[0], rotated];
    const principal = await v.verify(await sign(rotated));
    expect(principal.subject).toBeDefined();
    expect(fetches).toBe(before + 1);
    keys = [rotated];
  });

  it('says the keys are unavailable when the JWKS endpoint is down', async () => {
    const v = createTokenVerifier({ issuer, audience, jwksUri: 'http://127.0.0.1:1/certs' });
    await expectCheck(v.verify(await sign(keys[0])), 'keys_unavailable');
  });
});
