import { createTestDatabase, migrateService, spawnService, type TestDatabase } from '@crm/testing';
import { connectBus, NatsAuthenticationError } from '../src/bus';
import { testLogger } from './bus-test-harness';
import { startAuthNats, type AuthNatsServer } from './nats-auth-server';

const PASSWORD = 'pw-7f3a9c-right';
const WRONG_PASSWORD = 'pw-0d41e2-wrong';
const TOKEN = 'tk-51b8e0-right';

describe('NATS credentials', () => {
  let usersNats: AuthNatsServer;
  let tokenNats: AuthNatsServer;
  let db: TestDatabase;

  beforeAll(async () => {
    [usersNats, tokenNats, db] = await Promise.all([
      startAuthNats(`users = [{ user: crm-customer, password: "${PASSWORD}" }]`),
      startAuthNats(`token: "${TOKEN}"`),
      createTestDatabase('nats_credentials'),
    ]);
    await migrateService('customer', db.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([usersNats?.stop(), tokenNats?.stop(), db?.drop()]);
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
