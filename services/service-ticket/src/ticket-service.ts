import type { NatsCredentials } from '@crm/platform/bus';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ticketV1 } from '@crm/contracts';
import { AUDIT_CHECKPOINT_STREAM, AUDIT_CHECKPOINT_SUBJECTS } from '@crm/platform/audit';
import {
  actorFromPrincipal,
  KeycloakUserDirectory,
  systemActor,
  type ServiceAccount,
  type TokenVerifierOptions,
} from '@crm/platform/auth';
import { grpcCustomerAccounts, type CustomerAccounts } from '@crm/platform/customer-accounts';
import { redactedFieldsPlugin } from '@crm/platform/graphql';
import { grpcService, type ServiceDeclaration } from '@crm/platform/host';
import { builtInJobs, type ScheduledJob } from '@crm/platform/jobs';
import { DEFAULT_ATTACHMENT_MAX_BYTES, LocalDiskAttachmentStorage } from './application/attachment-storage';
import type { InboundEmailSettings } from './application/inbound-email-service';
import { createTicketServices, type TicketServices } from './application/ticket-services';
import { unassignedAlertJob } from './application/unassigned-alerts';
import { ticketDataSource } from './db/data-source';
import type { LifecycleSettings } from './domain/ticket-lifecycle';
import {
  applyCustomerEvent,
  CUSTOMER_EVENT_SUBJECTS,
  CUSTOMER_EVENTS_DURABLE,
  CUSTOMER_STREAM,
} from './events/customer-events-consumer';
import { TICKET_STREAM, TICKET_SUBJECTS, ticketAuditCheckpoints } from './events/ticket-events';
import { allTicketResolvers } from './graphql/all-resolvers';
import { createContext, type TicketContext } from './graphql/context';
import { ticketTypeDefs } from './graphql/schema-files';
import { createTicketGrpcHandlers } from './grpc/ticket-grpc-handlers';
import { surveyRoutes } from './http/survey-routes';
import { attachmentRoutes } from './http/attachment-routes';
import { inboundEmailRoutes } from './http/inbound-email-routes';
import { ticketOperationPolicy } from './policy/operation-policy';
import type { SurveySettings } from './survey-config';

/** Development default only: deployments set TICKET_ATTACHMENT_DIR to a persistent volume. */
const defaultAttachmentDirectory = join(tmpdir(), 'crm-ticket-attachments');

/** The scheduled work of the service-ticket service; a job left out (or 0) does not run. */
export interface TicketJobSettings {
  outboxRetentionDays: number;
  inboxRetentionDays: number;
  auditCheckpointMs: number;
  auditRetentionDays?: number;
  idempotencyRetentionDays?: number;
  /** TICKET_UNASSIGNED_ALERT_MINUTES: how long a ticket waits unassigned before its alert; no alerts when left out. */
  unassignedAlertMinutes?: number;
  /** SLA_SCHEDULE_MS: how often SLA warnings and breaches are looked for (and edited policies recomputed); 15 s. */
  slaScheduleMs?: number;
}

export interface TicketServiceConfig {
  databaseUrl: string;
  natsUrl: string;
  /** NATS_CREDS_FILE, NATS_USER + NATS_PASSWORD or NATS_TOKEN, read by natsCredentialsOf. */
  natsCredentials?: NatsCredentials;
  /** NATS_STREAM_REPLICAS: copies of its streams in a JetStream cluster; an existing stream keeps its count unless given. */
  streamReplicas?: number;
  grpcPort: number;
  httpPort: number;
  poolSize?: number;
  /** Keycloak realm issuer and required audience: every request's token is verified here again. */
  auth: TokenVerifierOptions;
  /** The customer service: its gRPC address, or the client itself (tests). */
  customer: { grpcAddress: string } | { accounts: CustomerAccounts };
  /** The Keycloak service account (crm-services): users, teams, and account checks; the dev realm's when not given. */
  serviceAccount?: ServiceAccount;
  /** Scheduled jobs; none without it (tests run the work themselves). */
  jobs?: TicketJobSettings;
  /** List totals (GraphQL totalCount) are exact up to this many rows, then estimated; default 10,000. */
  exactCountUpTo?: number;
  /** AUDIT_CHECKPOINT_MINUTES: a log with older rows and no checkpoint fails verification; 10 unless given. */
  auditCheckpointMinutes?: number;
  /** How often to look for the CUSTOMER stream while the customer service has not declared it yet; 5 s unless given. */
  customerStreamPollMs?: number;
  /** The reopen window and the root-cause categories of resolutions. */
  lifecycle: LifecycleSettings;
  /** TICKET_DEFAULT_TEAM: the queue of tickets opened by someone in no team. */
  defaultTeam?: string;
  /** Satisfaction surveys: link secret and public URL, expiry, low-rating policy (survey-config.ts). */
  surveys: SurveySettings;
  /** TICKET_ATTACHMENT_DIR and TICKET_ATTACHMENT_MAX_BYTES; a folder under the OS temp dir and 10 MiB unless given. */
  attachments?: { directory?: string; maxBytes?: number };
  /** TICKET_EMAIL_TEAM, TICKET_EMAIL_CATEGORY, TICKET_UNMATCHED_MAIL_ACCOUNT_ID: where customers' email lands. */
  inboundEmail?: Partial<InboundEmailSettings>;
}

function ticketJobs(services: TicketServices, settings: TicketJobSettings): ScheduledJob[] {
  return [
    ...builtInJobs({
      dataSource: services.dataSource,
      outboxRetentionDays: settings.outboxRetentionDays,
      inboxRetentionDays: settings.inboxRetentionDays,
      auditRetentionDays: settings.auditRetentionDays,
      idempotencyRetentionDays: settings.idempotencyRetentionDays,
      auditCheckpoint: {
        intervalMs: settings.auditCheckpointMs,
        record: (runId) => services.auditCheckpoints!.record(systemActor(runId)),
      },
    }),
    ...(settings.unassignedAlertMinutes
      ? [unassignedAlertJob(services.dataSource, settings.unassignedAlertMinutes)]
      : []),
    ...slaJobs(services, settings),
  ];
}

/** The SLA schedule (application/sla-schedule.ts): once per tick across replicas, never an in-process timer. */
function slaJobs(services: TicketServices, settings: TicketJobSettings): ScheduledJob[] {
  const intervalMs = settings.slaScheduleMs ?? 15_000;
  if (!intervalMs) return [];
  return [
    {
      name: 'sla-schedule',
      intervalMs,
      runAtStart: true,
      run: async ({ runId }) => ({ ...(await services.slaSchedule.run(runId)) }),
    },
  ];
}

/** The service-ticket service as the platform host runs it: its database, streams, consumers, APIs and jobs. */
export function ticketService(config: TicketServiceConfig): ServiceDeclaration<TicketServices, TicketContext> {
  return {
    name: 'service-ticket',
    database: { url: config.databaseUrl, poolSize: config.poolSize, dataSource: ticketDataSource },
    nats: { url: config.natsUrl, streamReplicas: config.streamReplicas, credentials: config.natsCredentials },
    auth: config.auth,
    policy: ticketOperationPolicy,
    httpPort: config.httpPort,
    streams: [
      { name: TICKET_STREAM, subjects: TICKET_SUBJECTS },
      { name: AUDIT_CHECKPOINT_STREAM, subjects: AUDIT_CHECKPOINT_SUBJECTS, appendOnly: true },
    ],
    services({ dataSource, bus, logger }) {
      const customers =
        'accounts' in config.customer ? config.customer.accounts : grpcCustomerAccounts(config.customer.grpcAddress);
      const directory = new KeycloakUserDirectory({
        issuer: config.auth.issuer,
        ...(config.serviceAccount ?? { clientId: 'crm-services', clientSecret: 'dev-crm-services-secret' }),
      });
      const services = createTicketServices(dataSource, customers, directory, {
        exactCountUpTo: config.exactCountUpTo,
        lifecycle: config.lifecycle,
        defaultTeam: config.defaultTeam ?? 'service',
        surveys: config.surveys,
        attachments: {
          storage: new LocalDiskAttachmentStorage(config.attachments?.directory ?? defaultAttachmentDirectory),
          maxBytes: config.attachments?.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES,
        },
        inboundEmail: config.inboundEmail ?? {},
      });
      services.auditCheckpoints = ticketAuditCheckpoints(dataSource, bus, {
        logger,
        intervalMinutes: config.auditCheckpointMinutes ?? 10,
      });
      return services;
    },
    consumers: (services) => [
      {
        stream: CUSTOMER_STREAM,
        durable: CUSTOMER_EVENTS_DURABLE,
        filterSubjects: CUSTOMER_EVENT_SUBJECTS,
        handler: (event, manager) => applyCustomerEvent(event, manager, services),
        awaitStreamPollMs: config.customerStreamPollMs ?? 5_000,
      },
    ],
    grpc: {
      port: config.grpcPort,
      service: grpcService(ticketV1.TicketServiceService, createTicketGrpcHandlers),
    },
    subgraph: {
      typeDefs: ticketTypeDefs(),
      resolvers: allTicketResolvers(),
      plugins: [redactedFieldsPlugin],
      context: (services, caller) =>
        createContext(
          services,
          actorFromPrincipal(caller.principal, caller.requestId, caller.sourceIp),
          caller.principal.token ?? '',
        ),
    },
    routes: (services, tools) => [
      surveyRoutes(services.surveys, tools),
      attachmentRoutes(services.attachments, tools),
      inboundEmailRoutes(services.inboundEmail, tools),
    ],
    jobs: (services) => (config.jobs ? ticketJobs(services, config.jobs) : []),
    close: (services) => services.customers.close(),
  };
}
