import type { NatsCredentials } from '@crm/platform/bus';
import { customerV1 } from '@crm/contracts';
import {
  actorFromPrincipal,
  KeycloakUserDirectory,
  systemActor,
  type ServiceAccount,
  type TokenVerifierOptions,
} from '@crm/platform/auth';
import { grpcService, type ServiceDeclaration } from '@crm/platform/host';
import { builtInJobs, type ScheduledJob } from '@crm/platform/jobs';
import { redactedFieldsPlugin } from '@crm/platform/graphql';
import { customerAuditCheckpoints } from './application/audit-checkpoints';
import { pruneCreationKeys } from './application/creation-keys';
import { announceExpiredGrants } from './application/grant-change-events';
import { createCustomerServices, type CustomerServices } from './application/customer-services';
import { KeycloakUserWatch } from './application/keycloak-user-watch';
import type { PoolSettings } from './application/pool-service';
import { customerDataSource } from './db/data-source';
import { AUDIT_STREAM, AUDIT_SUBJECTS, CUSTOMER_STREAM, CUSTOMER_SUBJECTS } from './events/customer-events';
import {
  applyTicketEvent,
  TICKET_ASSIGNMENT_DURABLE,
  TICKET_ASSIGNMENT_SUBJECTS,
  TICKET_STREAM,
} from './events/ticket-assignments';
import {
  applyLeadConversionEvent,
  LEAD_CONVERSION_DURABLE,
  LEAD_CONVERSION_SUBJECTS,
  SALES_STREAM,
} from './events/lead-conversions';
import { exportRoutes } from './export/account-export';
import { customerResolvers } from './graphql/all-resolvers';
import { createContext, type CustomerContext } from './graphql/context';
import { customerTypeDefs } from './graphql/schema-files';
import { createCustomerGrpcHandlers } from './grpc/customer-grpc-handlers';
import { importRoutes } from './import/import-routes';
import { customerOperationPolicy } from './policy/operation-policy';
import type { FollowUpCadence } from './domain/follow-up-cadence';

const HOUR_MS = 60 * 60 * 1000;

/** The scheduled work of the customer service; a job left out (or 0) does not run. */
export interface CustomerJobSettings {
  outboxRetentionDays: number;
  inboxRetentionDays: number;
  recycleBinRetentionDays: number;
  auditCheckpointMs: number;
  auditRetentionDays?: number;
  /** How often disabled Keycloak users are looked for and offboarded; 0 switches it off. */
  offboardingPollMs: number;
  /** Idempotency keys of gRPC creates are kept this long (retries and compensations come within minutes); default 30. */
  creationKeyRetentionDays?: number;
}

export interface CustomerServiceConfig {
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
  /** Offboarding: the service account reading Keycloak users and groups (crm-services with its development secret by default), and the pool policy. */
  offboarding?: { serviceAccount?: ServiceAccount; toPool?: boolean };
  /** Customer pool (公海) caps, cooldown, return limits and time zone; the defaults of defaultPoolSettings otherwise. */
  pool?: Partial<PoolSettings>;
  /** How often to look for the TICKET stream while service-ticket has not declared it; default 5 s. */
  ticketStreamPollMs?: number;
  /** How often to look for the SALES stream while sales-pipeline has not declared it; default 5 s. */
  salesStreamPollMs?: number;
  /** Scheduled jobs; none without it (tests run the work themselves). */
  jobs?: CustomerJobSettings;
  /** Country of phone numbers typed without '+' and of imported addresses without one; default CN. */
  defaultCountry?: string;
  /** FOLLOW_UP_CADENCE_DAYS: days between follow-ups per grade; A 7, B 14, C 30 unless given. */
  followUpCadence?: FollowUpCadence;
  /** List totals (GraphQL totalCount) are exact up to this many rows, then estimated; default 10,000. */
  exactCountUpTo?: number;
  /** AUDIT_CHECKPOINT_MINUTES: a log with older rows and no checkpoint fails verification; 10 unless given. */
  auditCheckpointMinutes?: number;
}

function customerJobs(services: CustomerServices, settings: CustomerJobSettings): ScheduledJob[] {
  const jobs: ScheduledJob[] = [
    ...builtInJobs({
      dataSource: services.dataSource,
      outboxRetentionDays: settings.outboxRetentionDays,
      inboxRetentionDays: settings.inboxRetentionDays,
      auditRetentionDays: settings.auditRetentionDays,
      auditCheckpoint: {
        intervalMs: settings.auditCheckpointMs,
        record: (runId) => services.auditCheckpoints!.record(systemActor(runId)),
      },
    }),
    {
      name: 'recycle-bin-purge',
      intervalMs: HOUR_MS,
      run: async ({ logger }) => {
        const { purged, failed } = await services.accounts.purgeRecycleBin(
          new Date(),
          settings.recycleBinRetentionDays,
        );
        // Left in the bin and retried next run; the others were purged all the same.
        for (const f of failed) logger.warn({ accountId: f.accountId, reason: f.reason }, 'account not purgeable');
        return { purged, failed: failed.length };
      },
    },
    {
      name: 'creation-key-prune',
      intervalMs: HOUR_MS,
      run: async () => ({
        pruned: await pruneCreationKeys(
          services.dataSource.manager,
          new Date(),
          settings.creationKeyRetentionDays ?? 30,
        ),
      }),
    },
    {
      name: 'grant-expiry',
      intervalMs: 5 * 60 * 1000,
      run: async ({ runId }) => ({
        announced: await announceExpiredGrants(services.dataSource, systemActor(runId), new Date()),
      }),
    },
    {
      name: 'pool-return',
      intervalMs: HOUR_MS,
      run: async ({ runId }) => ({ ...(await services.pool.runPoolReturn(new Date(), systemActor(runId))) }),
    },
  ];
  const offboarding = services.offboarding;
  if (offboarding && settings.offboardingPollMs > 0) {
    jobs.push({
      name: 'offboarding',
      intervalMs: settings.offboardingPollMs,
      runAtStart: true,
      run: async ({ logger }) => ({ users: (await new KeycloakUserWatch(offboarding, logger).pollOnce()).length }),
    });
  }
  return jobs;
}

/** The customer service as the platform host runs it: its database, streams, consumers, APIs and jobs. */
export function customerService(config: CustomerServiceConfig): ServiceDeclaration<CustomerServices, CustomerContext> {
  return {
    name: 'customer',
    database: { url: config.databaseUrl, poolSize: config.poolSize, dataSource: customerDataSource },
    nats: { url: config.natsUrl, streamReplicas: config.streamReplicas, credentials: config.natsCredentials },
    auth: config.auth,
    policy: customerOperationPolicy,
    httpPort: config.httpPort,
    streams: [
      { name: CUSTOMER_STREAM, subjects: CUSTOMER_SUBJECTS },
      { name: AUDIT_STREAM, subjects: AUDIT_SUBJECTS, appendOnly: true },
    ],
    services({ dataSource, bus, logger }) {
      const services = createCustomerServices(
        dataSource,
        {
          directory: new KeycloakUserDirectory({
            issuer: config.auth.issuer,
            ...(config.offboarding?.serviceAccount ?? {
              clientId: 'crm-services',
              clientSecret: 'dev-crm-services-secret',
            }),
          }),
          policy: { toPool: config.offboarding?.toPool ?? false },
        },
        {
          pool: config.pool,
          exactCountUpTo: config.exactCountUpTo,
          defaultCountry: config.defaultCountry,
          followUpCadence: config.followUpCadence,
        },
      );
      services.auditCheckpoints = customerAuditCheckpoints(dataSource, bus, {
        intervalMinutes: config.auditCheckpointMinutes ?? 10,
        logger,
      });
      return services;
    },
    consumers: () => [
      {
        stream: TICKET_STREAM,
        durable: TICKET_ASSIGNMENT_DURABLE,
        filterSubjects: TICKET_ASSIGNMENT_SUBJECTS,
        handler: applyTicketEvent,
        awaitStreamPollMs: config.ticketStreamPollMs ?? 5_000,
      },
      {
        stream: SALES_STREAM,
        durable: LEAD_CONVERSION_DURABLE,
        filterSubjects: LEAD_CONVERSION_SUBJECTS,
        handler: applyLeadConversionEvent,
        awaitStreamPollMs: config.salesStreamPollMs ?? 5_000,
      },
    ],
    grpc: {
      port: config.grpcPort,
      service: grpcService(customerV1.CustomerServiceService, createCustomerGrpcHandlers),
    },
    subgraph: {
      typeDefs: customerTypeDefs(),
      resolvers: customerResolvers(),
      plugins: [redactedFieldsPlugin],
      context: (services, caller) =>
        createContext(services, actorFromPrincipal(caller.principal, caller.requestId, caller.sourceIp)),
    },
    routes: (services, tools) => [importRoutes(services, tools), exportRoutes(services, tools)],
    jobs: (services) => (config.jobs ? customerJobs(services, config.jobs) : []),
  };
}
