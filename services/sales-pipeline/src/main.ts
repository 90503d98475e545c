// The sales-pipeline service's process: config → declaration → host.
// Telemetry is preloaded (--import @crm/platform/telemetry/register).
import { configOrExit, loadConfigOrExit } from '@crm/platform/config';
import { natsCredentialsOf } from '@crm/platform/bus';
import { runService } from '@crm/platform/host';
import { salesConfigSpec } from './sales-config';
import { salesService } from './sales-service';

const config = loadConfigOrExit(salesConfigSpec);
void runService(
  salesService({
    databaseUrl: config.SALES_DATABASE_URL,
    natsUrl: config.NATS_URL,
    natsCredentials: configOrExit(() => natsCredentialsOf(config)),
    streamReplicas: config.NATS_STREAM_REPLICAS,
    grpcPort: config.SALES_GRPC_PORT,
    httpPort: config.SALES_HTTP_PORT,
    poolSize: config.SALES_DB_POOL_SIZE,
    auth: {
      issuer: config.KEYCLOAK_ISSUER,
      audience: config.JWT_AUDIENCE,
      allowDevelopmentClients: config.AUTH_ALLOW_DEVELOPMENT_CLIENTS,
    },
    customer: { grpcAddress: config.CUSTOMER_GRPC_ADDRESS },
    serviceAccount: { clientId: config.KEYCLOAK_SERVICES_CLIENT_ID, clientSecret: config.KEYCLOAK_SECRET_CRM_SERVICES },
    auditCheckpointMinutes: config.AUDIT_CHECKPOINT_MINUTES,
    exactCountUpTo: config.LIST_COUNT_EXACT_UP_TO,
    companyCurrency: config.COMPANY_CURRENCY,
    fiscalYearStartMonth: config.FISCAL_YEAR_START_MONTH,
    quoteDiscountApprovalPercent: config.QUOTE_DISCOUNT_APPROVAL_PERCENT,
    timeZone: config.SALES_TIME_ZONE,
    instalmentDueNoticeDays: config.INSTALMENT_DUE_NOTICE_DAYS,
    jobs: {
      outboxRetentionDays: config.OUTBOX_RETENTION_DAYS,
      inboxRetentionDays: config.INBOX_RETENTION_DAYS,
      auditCheckpointMs: config.AUDIT_CHECKPOINT_MINUTES * 60_000,
      auditRetentionDays: config.AUDIT_RETENTION_DAYS,
      idempotencyRetentionDays: config.IDEMPOTENCY_KEY_RETENTION_DAYS,
      instalmentNoticeMs: config.INSTALMENT_NOTICE_MINUTES * 60_000,
      leadConversionMaxAttempts: config.LEAD_CONVERSION_MAX_ATTEMPTS,
    },
  }),
  { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS },
);
