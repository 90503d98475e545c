// The customer service's composition root. Telemetry is preloaded (--import @crm/platform/telemetry/register).
import { purgeAuditOlderThan } from '@crm/platform/audit';
import { pruneOutbox } from '@crm/platform/bus';
import { loadConfigOrExit } from '@crm/platform/config';
import { createShutdown } from '@crm/platform/lifecycle';
import { createLogger } from '@crm/platform/logging';
import { customerConfigSpec } from './customer-config';
import { startCustomerApp } from './customer-app';
import { systemActor } from './application/actor';
import { KeycloakUserWatch } from './application/keycloak-user-watch';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const POOL_RETURN_INTERVAL_MS = 60 * 60 * 1000;

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
      auth: { issuer: config.KEYCLOAK_ISSUER, audience: config.JWT_AUDIENCE },
      offboarding: {
        serviceAccount: {
          clientId: config.KEYCLOAK_SERVICES_CLIENT_ID,
          clientSecret: config.KEYCLOAK_SECRET_CRM_SERVICES,
        },
        toPool: config.OFFBOARD_TO_POOL,
      },
      pool: {
        dailyClaimCap: config.POOL_DAILY_CLAIM_CAP,
        maxOwnedAccounts: config.POOL_MAX_OWNED_ACCOUNTS,
        reclaimCooldownDays: config.POOL_RECLAIM_COOLDOWN_DAYS,
        returnDays: { A: config.POOL_RETURN_DAYS_A, B: config.POOL_RETURN_DAYS_B, C: config.POOL_RETURN_DAYS_C },
        warningDays: config.POOL_WARNING_DAYS,
        timeZone: config.POOL_TIME_ZONE,
      },
    },
    logger,
  );

  const purge = setInterval(() => {
    app.services.accounts
      .purgeRecycleBin(new Date(), config.RECYCLE_BIN_RETENTION_DAYS)
      .then(({ purged, failed }) => {
        if (purged) logger.info({ purged, actor: systemActor('purge').id }, 'recycle bin purged');
        // Left in the bin and retried next run; the others were purged all the same.
        for (const f of failed) logger.warn({ accountId: f.accountId, reason: f.reason }, 'account not purgeable');
      })
      .catch((err: unknown) => logger.error({ err }, 'recycle bin purge failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();

  const outboxPrune = setInterval(() => {
    pruneOutbox(app.dataSource, new Date(Date.now() - config.OUTBOX_RETENTION_DAYS * 86_400_000))
      .then((n) => n && logger.info({ pruned: n }, 'published outbox events pruned'))
      .catch((err: unknown) => logger.error({ err }, 'outbox pruning failed'));
  }, PURGE_INTERVAL_MS);
  outboxPrune.unref();

  const auditCheckpoint = setInterval(() => {
    app.services.auditCheckpoints
      ?.record(systemActor(`audit-checkpoint-${Date.now()}`))
      .catch((err: unknown) => logger.error({ err }, 'audit checkpoint failed'));
  }, config.AUDIT_CHECKPOINT_MINUTES * 60_000);
  auditCheckpoint.unref();

  const auditRetentionDays = config.AUDIT_RETENTION_DAYS;
  const auditPurge = auditRetentionDays
    ? setInterval(() => {
        const cutoff = new Date(Date.now() - auditRetentionDays * 86_400_000);
        app.dataSource
          .transaction((tx) =>
            purgeAuditOlderThan(tx, cutoff, { id: 'system', roles: ['crm-admin'] }, { requestId: 'audit-retention' }),
          )
          .then((r) => r.purgedRows && logger.info({ purged: r.purgedRows }, 'audit log retention applied'))
          .catch((err: unknown) => logger.error({ err }, 'audit log retention failed'));
      }, PURGE_INTERVAL_MS)
    : undefined;
  auditPurge?.unref();

  const poolReturn = setInterval(() => {
    app.services.pool
      .runPoolReturn(new Date(), systemActor(`pool-return-${Date.now()}`))
      .then((r) => (r.warned || r.returned) && logger.info(r, 'customer pool: owners warned, accounts returned'))
      .catch((err: unknown) => logger.error({ err }, 'customer pool return failed'));
  }, POOL_RETURN_INTERVAL_MS);
  poolReturn.unref();

  const offboarding = app.services.offboarding;
  const stopOffboardingWatch = offboarding
    ? new KeycloakUserWatch(offboarding, logger).start(config.OFFBOARDING_POLL_SECONDS * 1000)
    : () => Promise.resolve();

  const shutdown = createShutdown({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS, readiness: app.health });
  shutdown.onShutdown('stop-accepting', 'servers', async () => {
    clearInterval(purge);
    clearInterval(outboxPrune);
    clearInterval(auditCheckpoint);
    if (auditPurge) clearInterval(auditPurge);
    clearInterval(poolReturn);
    await stopOffboardingWatch();
    await app.stopAccepting();
  });
  shutdown.onShutdown('drain', 'grpc calls', () => app.grpc.whenIdle());
  shutdown.onShutdown('stop-consumers', 'ticket assignments', () => app.stopConsumers());
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
