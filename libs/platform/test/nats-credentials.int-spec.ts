import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, migrateService, spawnService, type TestDatabase } from '@crm/testing';
import { connectBus, NatsAuthenticationError } from '../src/bus';
import { testLogger } from './bus-test-harness';
import { startAuthNats, type AuthNatsServer } from './nats-auth-server';
import { operatorSetup } from './nats-operator-credentials';

const PASSWORD = 'pw-7f3a9c-right';
const WRONG_PASSWORD = 'pw-0d41e2-wrong';
const TOKEN = 'tk-51b8e0-right';

describe('NATS credentials', () => {
  let usersNats: AuthNatsServer;
  let tokenNats: AuthNatsServer;
  let operatorNats: AuthNatsServer;
  const operator = operatorSetup();
  const credsDir = mkdtempSync(join(tmpdir(), 'crm-creds-'));
  let db: TestDatabase;

  beforeAll(async () => {
    writeFileSync(join(credsDir, 'crm-services.creds'), operator.userCreds, { mode: 0o600 });
    writeFileSync(join(credsDir, 'foreign.creds'), operator.foreignCreds, { mode: 0o600 });
    [usersNats, tokenNats, operatorNats, db] = await Promise.all([
      startAuthNats(`authorization { users = [{ user: crm-customer, password: "${PASSWORD}" }] }`),
      startAuthNats(`authorization { token: "${TOKEN}" }`),
      startAuthNats(operator.serverConfig),
      createTestDatabase('nats_credentials'),
    ]);
    await migrateService('customer', db.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([usersNats?.stop(), tokenNats?.stop(), operatorNats?.stop(), db?.drop()]);
    rmSync(credsDir, { recursive: true, force: true });
  });

  it('starts the customer service against a NATS server that requires a user and password', async () => {
    const service = await spawnService('customer', {
      databaseUrl: db.url,
      natsUrl: usersNats.url,
      env: { NATS_USER: 'crm-customer', NATS_PASSWORD: PASSWORD },
    });
    try {
      const ready = await fetch(`http://127.0.0.1:${service.httpPort}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await service.kill();
    }
  }, 60_000);

  it('starts the customer service with a user .creds file against a NATS server in operator (JWT) mode', async () => {
    const service = await spawnService('customer', {
      databaseUrl: db.url,
      natsUrl: operatorNats.url,
      env: { NATS_CREDS_FILE: join(credsDir, 'crm-services.creds') },
    });
    try {
      expect((await fetch(`http://127.0.0.1:${service.httpPort}/readyz`)).status).toBe(200);
    } finally {
      await service.kill();
    }
  }, 60_000);

  it('refuses a creds file whose JWT the operator did not sign, naming the file but printing no seed', async () => {
    const path = join(credsDir, 'foreign.creds');
    const refused = connectBus({
      servers: operatorNats.url,
      name: 'foreign-creds',
      logger: testLogger(),
      credentials: { kind: 'creds-file', path },
    });
    await expect(refused).rejects.toThrow(`refused the connection with creds file ${path}: Authorization Violation`);
    await expect(refused).rejects.not.toThrow(/SU[A-Z2-7]{50,}/);
  });

  it('stops the service at start with an error naming the user but not the password when NATS refuses it', async () => {
    const failure = spawnService('customer', {
      databaseUrl: db.url,
      natsUrl: usersNats.url,
      env: { NATS_USER: 'crm-customer', NATS_PASSWORD: WRONG_PASSWORD },
    });
    const error = await failure.then(
      () => new Error('the service started with a wrong password'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain('did not become ready');
    expect(error.message).toMatch(
      /NATS at nats:\/\/127\.0\.0\.1:\d+ refused the connection with user crm-customer with NATS_PASSWORD: Authorization Violation/,
    );
    expect(error.message).not.toContain(WRONG_PASSWORD);
  }, 60_000);

  it('refuses a user without a password as a configuration error, before connecting', async () => {
    const error = await spawnService('customer', {
      databaseUrl: db.url,
      natsUrl: usersNats.url,
      env: { NATS_USER: 'crm-customer' },
    }).then(
      () => new Error('the service started without a password'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain('NATS_PASSWORD: is required when NATS_USER is set');
  }, 60_000);

  it('connects with a token, and names the scheme (not the token) when the server refuses it', async () => {
    const logger = testLogger();
    const bus = await connectBus({
      servers: tokenNats.url,
      name: 'token-test',
      logger,
      credentials: { kind: 'token', token: TOKEN },
    });
    expect(bus.isConnected()).toBe(true);
    await bus.close();

    const refused = connectBus({
      servers: tokenNats.url,
      name: 'token-test',
      logger,
      credentials: { kind: 'token', token: 'tk-wrong' },
    });
    await expect(refused).rejects.toThrow(NatsAuthenticationError);
    await expect(refused).rejects.toThrow(/refused the connection with NATS_TOKEN: Authorization Violation/);
    await expect(refused).rejects.not.toThrow(/tk-wrong/);
  });

  it('says the server wants credentials when none are configured', async () => {
    const refused = connectBus({ servers: usersNats.url, name: 'no-credentials', logger: testLogger() });
    await expect(refused).rejects.toThrow(/refused the connection with no credentials/);
  });
});
