import { createServer } from 'node:net';
import { customerV1 } from '@crm/contracts';
import { runMigrations } from '@crm/platform/db';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { createTestDatabase, passwordToken, startNats, type NatsServer, type TestDatabase } from '@crm/testing';
import { Metadata } from '@grpc/grpc-js';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { customerDataSource } from '../src/db/data-source';
import { spawnCustomerProcess, type CustomerProcess } from './customer-process';

describe('customer service graceful shutdown', () => {
  let db: TestDatabase;
  let nats: NatsServer;
  let service: CustomerProcess | undefined;
  beforeAll(async () => {
    db = await createTestDatabase('customer_shutdown');
    nats = await startNats();
    await runMigrations(customerDataSource(db.url, 1));
  });
  afterAll(async () => {
    await service?.kill();
    await nats?.stop();
    await db?.drop();
  });

  it('on SIGTERM loses no accepted write: every acknowledged create is stored and published', async () => {
    // As deployed: Apollo installs its own signal handlers outside NODE_ENV=test.
    const customer = await spawnCustomerProcess(db.url, nats.url, { NODE_ENV: 'production' });
    service = customer;

    const client = createGrpcClient(customerV1.CustomerServiceClient, `127.0.0.1:${customer.grpcPort}`, {
      deadlineMs: 20_000,
      maxAttempts: 1,
    });
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${(await passwordToken('rep.east1')).accessToken}`);
    const acknowledged: string[] = [];
    let refused = 0;
    let sentSignal = false;
    const calls = Array.from({ length: 150 }, (_, i) =>
      callUnary<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>(
        client.createAccount.bind(client),
        {
          account: {
            ...customerV1.AccountInput.fromPartial({}),
            name: `Shutdown Test ${i}`,
            lifecycleStage: customerV1.LifecycleStage.PROSPECT,
          },
          duplicatePolicy: customerV1.DuplicatePolicy.OVERRIDE,
          idempotencyKey: '',
        },
        { metadata },
      ).then(
        (res) => {
          acknowledged.push(res.account!.id);
          if (acknowledged.length === 20 && !sentSignal) {
            sentSignal = true;
            customer.child.kill('SIGTERM');
          }
        },
        () => {
          refused += 1;
        },
      ),
    );
    await Promise.all(calls);
    client.close();
    expect(await customer.exited).toBe(0);
    expect(sentSignal).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(acknowledged.length + refused).toBe(150);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const stored = await pg.query<{ id: string }>('SELECT id FROM accounts WHERE id = ANY($1::uuid[])', [acknowledged]);
    const unpublished = await pg.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL',
    );
    await pg.end();
    expect(stored.rowCount).toBe(acknowledged.length);
    expect(unpublished.rows[0].n).toBe(0);

    const nc = await connect({ servers: nats.url });
    const info = await (await jetstreamManager(nc)).streams.info('CUSTOMER');
    await nc.close();
    expect(info.state.messages).toBeGreaterThanOrEqual(acknowledged.length);
    expect(customer.stderr()).not.toMatch(/failed to start/);
  });

  it('exits 1 naming the address when its HTTP port is taken, instead of running on without one', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const start = spawnCustomerProcess(db.url, nats.url, { CUSTOMER_HTTP_PORT: String(port) });
      await expect(start).rejects.toThrow(new RegExp(`customer: failed to start: Error: listen EADDRINUSE.*:${port}`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
