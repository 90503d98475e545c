import type { NatsCredentials } from '@crm/platform/bus';
import { salesV1 } from '@crm/contracts';
import { AUDIT_CHECKPOINT_STREAM, AUDIT_CHECKPOINT_SUBJECTS } from '@crm/platform/audit';
import {
  actorFromPrincipal,
  KeycloakUserDirectory,
  systemActor,
  type ServiceAccount,
  type TokenVerifierOptions,
} from '@crm/platform/auth';
import { redactedFieldsPlugin } from '@crm/platform/graphql';
import { grpcService, type ServiceDeclaration } from '@crm/platform/host';
import { builtInJobs, type ScheduledJob } from '@crm/platform/jobs';
import { grpcCustomerAccounts, type CustomerAccounts } from '@crm/platform/customer-accounts';
import { createSalesServices, type SalesServices } from './application/sales-services';
import { userTeams } from './application/user-teams';
import { salesDataSource } from './db/data-source';
import { SALES_STREAM, SALES_SUBJECTS, salesAuditCheckpoints } from './events/sales-events';
import {
  applyCustomerEvent,
  CUSTOMER_EVENT_SUBJECTS,
  CUSTOMER_EVENTS_DURABLE,
  CUSTOMER_STREAM,
} from './events/customer-events-consumer';
import { salesResolvers } from './graphql/all-resolvers';
import { createContext, type SalesContext } from './graphql/context';
import { salesTypeDefs } from './graphql/schema-files';
import { createSalesGrpcHandlers } from './grpc/sales-grpc-handlers';
import { webFormRoutes } from './http/web-form-routes';
import { leadImportRoutes } from './import/lead-import-routes';
import { salesOperationPolicy } from './policy/operation-policy';

/** The scheduled work of the sales-pipeline service; a job left out (or 0) does not run. */
export interface SalesJobSettings {
  outboxRetentionDays: number;
  inboxRetentionDays: number;
  auditCheckpointMs: number;
  auditRetentionDays?: number;
  idempotencyRetentionDays?: number;
  /** How often instalment due/overdue notices are looked for (once across replicas). */
  instalmentNoticeMs?: number;
  /** Lead conversions stuck in a middle state: how often they are looked at, and after how many attempts abandoned. */
  leadConversionSweepMs?: number;
  leadConversionMaxAttempts?: number;
}

export interface SalesServiceConfig {
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
  /** The Keycloak service account (crm-services) that reads users' teams; the dev realm's when not given. */
  serviceAccount?: ServiceAccount;
  /** Scheduled jobs; none without it (tests run the work themselves). */
  jobs?: SalesJobSettings;
  /** List totals (GraphQL totalCount) are exact up to this many rows, then estimated; default 10,000. */
  exactCountUpTo?: number;
  /** The company currency (ISO 4217): roll-ups convert to it; CNY unless given. */
  companyCurrency?: string;
  /** FISCAL_YEAR_START_MONTH: the month (1-12) fiscal years, quarters and forecasts start in; January unless given. */
  fiscalYearStartMonth?: number;
  /** QUOTE_DISCOUNT_APPROVAL_PERCENT (decimal text): a larger quote discount needs approval; 15 unless given. */
  quoteDiscountApprovalPercent?: string;
  /** AUDIT_CHECKPOINT_MINUTES: a log with older rows and no checkpoint fails verification; 10 unless given. */
  auditCheckpointMinutes?: number;
  /** How often to look for the CUSTOMER stream while the customer service has not declared it yet; 5 s unless given. */
  customerStreamPollMs?: number;
  /** SALES_TIME_ZONE: whose calendar decides when an instalment is due or late; Asia/Shanghai unless given. */
  timeZone?: string;
  /** INSTALMENT_DUE_NOTICE_DAYS: the due notice goes out this many days before the due date; 7 unless given. */
  instalmentDueNoticeDays?: number;
}

function salesJobs(services: SalesServices, settings: SalesJobSettings): ScheduledJob[] {
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
    ...paymentPlanJobs(services, settings),
    ...leadJobs(services, settings),
  ];
}

/** Instalment due and overdue notices (application/instalment-notices.ts), when an interval is set. */
function paymentPlanJobs(services: SalesServices, settings: SalesJobSettings): ScheduledJob[] {
  if (!settings.instalmentNoticeMs) return [];
  return [
    {
      name: 'instalment-notices',
      intervalMs: settings.instalmentNoticeMs,
      runAtStart: true,
      run: ({ runId }) => services.instalmentNotices.run(runId),
    },
  ];
}

/** Web-form rate-limit pruning and the sweep of lead conversions stuck in a middle state. */
function leadJobs(services: SalesServices, settings: SalesJobSettings): ScheduledJob[] {
  const sweepMs = settings.leadConversionSweepMs ?? 60_000;
  if (!sweepMs) return [];
  return [
    {
      name: 'web-form-rate-limit-prune',
      intervalMs: 10 * 60_000,
      run: async () => ({ pruned: await services.webForms.pruneRateLimits() }),
    },
    {
      name: 'lead-conversion-sweep',
      intervalMs: sweepMs,
      run: async ({ runId }) => ({
        abandoned: await services.leadConversions.sweepStuck(systemActor(runId), {
          staleMs: sweepMs,
          maxAttempts: settings.leadConversionMaxAttempts ?? 10,
        }),
      }),
    },
  ];
}

/** The sales-pipeline service as the platform host runs it: its database, streams, consumers, APIs and jobs. */
export function salesService(config: SalesServiceConfig): ServiceDeclaration<SalesServices, SalesContext> {
  return {
    name: 'sales-pipeline',
    database: { url: config.databaseUrl, poolSize: config.poolSize, dataSource: salesDataSource },
    nats: { url: config.natsUrl, streamReplicas: config.streamReplicas, credentials: config.natsCredentials },
    auth: config.auth,
    policy: salesOperationPolicy,
    httpPort: config.httpPort,
    streams: [
      { name: SALES_STREAM, subjects: SALES_SUBJECTS },
      { name: AUDIT_CHECKPOINT_STREAM, subjects: AUDIT_CHECKPOINT_SUBJECTS, appendOnly: true },
    ],
    services({ dataSource, bus, logger }) {
      const customers =
        'accounts' in config.customer ? config.customer.accounts : grpcCustomerAccounts(config.customer.grpcAddress);
      const directory = new KeycloakUserDirectory({
        issuer: config.auth.issuer,
        ...(config.serviceAccount ?? { clientId: 'crm-services', clientSecret: 'dev-crm-services-secret' }),
      });
      const services = createSalesServices(dataSource, customers, {
        exactCountUpTo: config.exactCountUpTo,
        companyCurrency: config.companyCurrency,
        fiscalYearStartMonth: config.fiscalYearStartMonth,
        users: userTeams(directory),
        quoteDiscountApprovalPercent: config.quoteDiscountApprovalPercent,
        instalmentCalendar: {
          timeZone: config.timeZone ?? 'Asia/Shanghai',
          dueNoticeDays: config.instalmentDueNoticeDays ?? 7,
        },
      });
      services.auditCheckpoints = salesAuditCheckpoints(dataSource, bus, {
        logger,
        intervalMinutes: config.auditCheckpointMinutes ?? 10,
      });
      return services;
    },
    consumers: () => [
      {
        stream: CUSTOMER_STREAM,
        durable: CUSTOMER_EVENTS_DURABLE,
        filterSubjects: CUSTOMER_EVENT_SUBJECTS,
        handler: applyCustomerEvent,
        awaitStreamPollMs: config.customerStreamPollMs ?? 5_000,
      },
    ],
    grpc: {
      port: config.grpcPort,
      service: grpcService(salesV1.SalesServiceService, createSalesGrpcHandlers),
    },
    subgraph: {
      typeDefs: salesTypeDefs(),
      resolvers: salesResolvers(),
      plugins: [redactedFieldsPlugin],
      context: (services, caller) =>
        createContext(
          services,
          actorFromPrincipal(caller.principal, caller.requestId, caller.sourceIp),
          caller.principal.token ?? '',
        ),
    },
    routes: (services, tools) => [webFormRoutes(services.webForms, tools), leadImportRoutes(services, tools)],
    jobs: (services) => (config.jobs ? salesJobs(services, config.jobs) : []),
    close: (services) => services.customers.close(),
  };
}
