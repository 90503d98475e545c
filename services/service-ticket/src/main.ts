// The service-ticket service's process: config → declaration → host.
// Telemetry is preloaded (--import @crm/platform/telemetry/register).
import { configOrExit, loadConfigOrExit } from '@crm/platform/config';
import { natsCredentialsOf } from '@crm/platform/bus';
import { runService } from '@crm/platform/host';
import { ticketConfigSpec } from './ticket-config';
import { ticketService } from './ticket-service';
import { surveySettingsOf } from './survey-config';

const config = loadConfigOrExit(ticketConfigSpec);
void runService(
  ticketService({
    databaseUrl: config.TICKET_DATABASE_URL,
    natsUrl: config.NATS_URL,
    natsCredentials: configOrExit(() => natsCredentialsOf(config)),
    streamReplicas: config.NATS_STREAM_REPLICAS,
    grpcPort: config.TICKET_GRPC_PORT,
    httpPort: config.TICKET_HTTP_PORT,
    poolSize: config.TICKET_DB_POOL_SIZE,
    auth: {
      issuer: config.KEYCLOAK_ISSUER,
      audience: config.JWT_AUDIENCE,
      allowDevelopmentClients: config.AUTH_ALLOW_DEVELOPMENT_CLIENTS,
    },
    customer: { grpcAddress: config.CUSTOMER_GRPC_ADDRESS },
    serviceAccount: { clientId: config.KEYCLOAK_SERVICES_CLIENT_ID, clientSecret: config.KEYCLOAK_SECRET_CRM_SERVICES },
    auditCheckpointMinutes: config.AUDIT_CHECKPOINT_MINUTES,
    exactCountUpTo: config.LIST_COUNT_EXACT_UP_TO,
    lifecycle: { reopenWindowDays: config.TICKET_REOPEN_WINDOW_DAYS, rootCauseCategories: config.TICKET_ROOT_CAUSES },
    defaultTeam: config.TICKET_DEFAULT_TEAM,
    surveys: configOrExit(() => surveySettingsOf(config)),
    attachments: {
      directory: config.TICKET_ATTACHMENT_DIR || undefined,
      maxBytes: config.TICKET_ATTACHMENT_MAX_BYTES,
    },
    inboundEmail: {
      teamId: config.TICKET_EMAIL_TEAM || config.TICKET_DEFAULT_TEAM,
      category: config.TICKET_EMAIL_CATEGORY,
      unmatchedAccountId: config.TICKET_UNMATCHED_MAIL_ACCOUNT_ID || null,
    },
    jobs: {
      outboxRetentionDays: config.OUTBOX_RETENTION_DAYS,
      inboxRetentionDays: config.INBOX_RETENTION_DAYS,
      auditCheckpointMs: config.AUDIT_CHECKPOINT_MINUTES * 60_000,
      auditRetentionDays: config.AUDIT_RETENTION_DAYS,
      idempotencyRetentionDays: config.IDEMPOTENCY_KEY_RETENTION_DAYS,
      unassignedAlertMinutes: config.TICKET_UNASSIGNED_ALERT_MINUTES,
      slaScheduleMs: config.SLA_SCHEDULE_MS,
    },
  }),
  { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS },
);
