// A stand-in for the Keycloak realm, enough for the services to verify tokens for real: an RS256 key, its JWKS at the
// realm's OpenID Connect certs path, and access tokens shaped like Keycloak's (realm_access.roles, groups, aud).
// Starting Keycloak itself would cost a minute and a JVM on a 2-core machine for no difference in what is measured.
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface BenchIssuer {
  /** The realm's issuer URL, as KEYCLOAK_ISSUER. */
  issuer: string;
  audience: string;
  token(claims: { subject: string; roles: string[]; groups: string[]; username: string }): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchIssuer(audience = 'crm-gateway'): Promise<BenchIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'bench-key';
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] });
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/realms/crm/protocol/openid-connect/certs') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    } else res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/crm`;
  return {
    issuer,
    audience,
    token: ({ subject, roles, groups, username }) =>
      new SignJWT({ realm_access: { roles }, groups, preferred_username: username, azp: 'crm-portal', typ: 'Bearer' })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(privateKey),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
