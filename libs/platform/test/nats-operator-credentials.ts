import { createAccount, createOperator, createUser, type KeyPair } from '@nats-io/nkeys';

/** Operator-mode (decentralised JWT) auth for a test nats-server: an operator, a system and an app account, a user. */
export interface OperatorSetup {
  /** The server's config lines: operator, system account, the accounts preloaded into a memory resolver. */
  serverConfig: string;
  /** A user .creds file of the app account (JWT and NKey seed), as `nsc generate creds` writes it. */
  userCreds: string;
  /** A .creds file whose JWT is signed by a key the operator does not know. */
  foreignCreds: string;
}

const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array | string): string =>
  Buffer.from(typeof bytes === 'string' ? encoder.encode(bytes) : bytes).toString('base64url');

function signJwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }));
  const claims = {
    jti: base64url(crypto.getRandomValues(new Uint8Array(16))),
    iat: Math.floor(Date.now() / 1000),
    iss: issuer.getPublicKey(),
    name,
    sub: subject,
    nats: { ...nats, version: 2 },
  };
  const payload = base64url(JSON.stringify(claims));
  return `${header}.${payload}.${base64url(issuer.sign(encoder.encode(`${header}.${payload}`)))}`;
}

const unlimited = { subs: -1, data: -1, payload: -1 };
const accountLimits = { ...unlimited, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 };
/** JetStream for the app account only: the server refuses it on the system account. */
const jetStreamLimits = { mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 };

function creds(jwt: string, user: KeyPair): string {
  const seed = new TextDecoder().decode(user.getSeed());
  return `-----BEGIN NATS USER JWT-----\n${jwt}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${seed}\n------END USER NKEY SEED------\n`;
}

export function operatorSetup(): OperatorSetup {
  const operator = createOperator();
  const system = createAccount();
  const app = createAccount();
  const user = createUser();
  const operatorJwt = signJwt(operator, operator.getPublicKey(), 'crm-test-operator', { type: 'operator' });
  const systemJwt = signJwt(operator, system.getPublicKey(), 'SYS', { type: 'account', limits: accountLimits });
  const appJwt = signJwt(operator, app.getPublicKey(), 'CRM', {
    type: 'account',
    limits: { ...accountLimits, ...jetStreamLimits },
  });
  const userJwt = signJwt(app, user.getPublicKey(), 'crm-services', { type: 'user', pub: {}, sub: {}, ...unlimited });
  const foreignJwt = signJwt(createAccount(), user.getPublicKey(), 'crm-services', {
    type: 'user',
    pub: {},
    sub: {},
    ...unlimited,
  });
  return {
    serverConfig: [
      `operator: "${operatorJwt}"`,
      `system_account: ${system.getPublicKey()}`,
      'resolver: MEMORY',
      `resolver_preload: { ${system.getPublicKey()}: "${systemJwt}", ${app.getPublicKey()}: "${appJwt}" }`,
    ].join('\n'),
    userCreds: creds(userJwt, user),
    foreignCreds: creds(foreignJwt, user),
  };
}
