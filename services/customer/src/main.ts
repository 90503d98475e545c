// The customer service's process: config → declaration → host.
// Telemetry is preloaded (--import @crm/platform/telemetry/register).
import { configOrExit, loadConfigOrExit } from '@crm/platform/config';
import { natsCredentialsOf } from '@crm/platform/bus';
import { runService } from '@crm/platform/host';
import { customerConfigSpec } from './customer-config';
import { customerService } from './customer-service';

const config = loadConfigOrExit(customerConfigSpec);
void runService(
  customerService({
    databaseUrl: config.CUSTOMER_DATABASE_URL,
    natsUrl: config.NATS_URL,
    natsCredentials: configOrExit(() => natsCredentialsOf(config)),
    streamReplicas: config.NATS_STREAM_REPLICAS,
    grpcPort: config.CUSTOMER_GRPC_PORT,
    httpPort: config.CUSTOMER_HTTP_PORT,
    poolSize: config.CUSTOMER_DB_POOL_SIZE,
    auth: {
      issuer: config.KEYCLOAK_ISSUER,
      audience: config.JWT_AUDIENCE,
      allowDevelopmentClients: config.AUTH_ALLOW_DEVELOPMENT_CLIENTS,
    },
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
    auditCheckpointMinutes: config.AUDIT_CHECKPOINT_MINUTES,
    exactCountUpTo: config.LIST_COUNT_EXACT_UP_TO,
    defaultCountry: config.DEFAULT_COUNTRY,
    followUpCadence: config.FOLLOW_UP_CADENCE_DAYS,
    jobs: {
      outboxRetentionDays: config.OUTBOX_RETENTION_DAYS,
      inboxRetentionDays: config.INBOX_RETENTION_DAYS,
      recycleBinRetentionDays: config.RECYCLE_BIN_RETENTION_DAYS,
      auditCheckpointMs: config.AUDIT_CHECKPOINT_MINUTES * 60_000,
      auditRetentionDays: config.AUDIT_RETENTION_DAYS,
      offboardingPollMs: config.OFFBOARDING_POLL_SECONDS * 1000,
      creationKeyRetentionDays: config.CREATION_KEY_RETENTION_DAYS,
    },
  }),
  { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS },
);
