import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { customerV1 } from '@crm/contracts';
import { runMigrations } from '@crm/platform/db';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import {
  createTestDatabase,
  freePort,
  keycloakIssuer,
  passwordToken,
  startNats,
  type NatsServer,
  type TestDatabase,
} from '@crm/testing';
import { Metadata } from '@grpc/grpc-js';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { customerDataSource } from '../src/db/data-source';

const repoRoot = join(__dirname, '..', '..', '..');

async function waitForHealth(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('customer service did not become ready');
}

describe('customer service graceful shutdown', () => {
  let db: TestDatabase;
  let nats: NatsServer;
  let child: ChildProcess;
  beforeAll(async () => {
    db = await createTestDatabase('customer_shutdown');
    nats = await startNats();
    await runMigrations(customerDataSource(db.url, 1));
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await nats?.stop();
    await db?.drop();
  });

  it('on SIGTERM loses no accepted write: every acknowledged create is stored and published', async () => {
    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/customer/src/main.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        // As deployed: Apollo installs its own signal handlers outside NODE_ENV=test.
        NODE_ENV: 'production',
        KEYCLOAK_ISSUER: keycloakIssuer(),
        AUTH_ALLOW_DEVELOPMENT_CLIENTS: 'true',
        CUSTOMER_DATABASE_URL: db.url,
        NATS_URL: nats.url,
        CUSTOMER_GRPC_PORT: String(grpcPort),
        CUSTOMER_HTTP_PORT: String(httpPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await waitForHealth(httpPort);

    const client = createGrpcClient(customerV1.CustomerServiceClient, `127.0.0.1:${grpcPort}`, {
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
        },
        { metadata },
      ).then(
        (res) => {
          acknowledged.push(res.account!.id);
          if (acknowledged.length === 20 && !sentSignal) {
            sentSignal = true;
            child.kill('SIGTERM');
          }
        },
        () => {
          refused += 1;
        },
      ),
    );
    await Promise.all(calls);
    client.close();
    expect(await exited).toBe(0);
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
    expect(stderr).not.toMatch(/failed to start/);
  });
});
