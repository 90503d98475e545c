// The customer service's composition root. Telemetry is preloaded (--import @crm/platform/telemetry/register).
import { loadConfigOrExit } from '@crm/platform/config';
import { createShutdown } from '@crm/platform/lifecycle';
import { createLogger } from '@crm/platform/logging';
import { customerConfigSpec } from './customer-config';
import { startCustomerApp } from './customer-app';
import { systemActor } from './application/actor';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

async function main(): Promise<void> {
  const config = loadConfigOrExit(customerConfigSpec);
  const logger = createLogger('customer');
  const app = await startCustomerApp(
    {
      databaseUrl: config.CUSTOMER_DATABASE_URL,
      natsUrl: config.NATS_URL,
      grpcPort: config.CUSTOMER_GRPC_PORT,
      httpPort: config.CUSTOMER_HTTP_PORT,
      poolSize: config.CUSTOMER_DB_POOL_SIZE,
    },
    logger,
  );

  const purge = setInterval(() => {
    app.services.accounts
      .purgeRecycleBin(new Date(), config.RECYCLE_BIN_RETENTION_DAYS)
      .then((n) => n && logger.info({ purged: n, actor: systemActor('purge').id }, 'recycle bin purged'))
      .catch((err: unknown) => logger.error({ err }, 'recycle bin purge failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();

  const shutdown = createShutdown({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS, readiness: app.health });
  shutdown.onShutdown('stop-accepting', 'servers', async () => {
    clearInterval(purge);
    await app.stopAccepting();
  });
  shutdown.onShutdown('drain', 'grpc calls', () => app.grpc.whenIdle());
  shutdown.onShutdown('flush', 'outbox', async () => {
    if (!(await app.flushOutbox(10_000)))
      logger.warn('outbox not empty at shutdown: the next start publishes the rest');
  });
  shutdown.onShutdown('close', 'connections', () => app.close());
  shutdown.listen();
}

main().catch((error: unknown) => {
  process.stderr.write(`customer: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
