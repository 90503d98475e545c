import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** A realm stand-in: serves its public key as a JWKS and signs access tokens shaped like Keycloak's for the portal. */
export interface TokenIssuer {
  issuer: string;
  jwksUri: string;
  accessToken(): Promise<string>;
  stop(): Promise<void>;
}

/** The lightest issuer the gateway's real JWT check (jose against a remote JWKS) accepts: no Keycloak to start. */
export async function startTokenIssuer(): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'observability', alg: 'RS256' }] });
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/realms/crm`;
  return {
    issuer,
    jwksUri: `${issuer}/protocol/openid-connect/certs`,
    accessToken: () =>
      new SignJWT({ typ: 'Bearer', azp: 'crm-portal', roles: ['sales_rep'], preferred_username: 'metrics' })
        .setProtectedHeader({ alg: 'RS256', kid: 'observability' })
        .setIssuer(issuer)
        .setAudience('crm-gateway')
        .setSubject('00000000-0000-4000-8000-000000000001')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
