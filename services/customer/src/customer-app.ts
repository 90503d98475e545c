import type { Server } from 'node:http';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { customerV1 } from '@crm/contracts';
import { createTokenVerifier, TokenError, type TokenVerifierOptions } from '@crm/platform/auth';
import {
  connectBus,
  ensureDeadLetterStream,
  ensureStream,
  OutboxRelay,
  startConsumer,
  type Bus,
  type Consumer,
} from '@crm/platform/bus';
import { createSubgraphServer, redactedFieldsPlugin, type SubgraphServer } from '@crm/platform/graphql';
import { bindGrpcServer, createGrpcServer, shutdownGrpcServer, type CrmGrpcServer } from '@crm/platform/grpc';
import {
  consumersCheck,
  createHealthRouter,
  createReadiness,
  databaseCheck,
  natsCheck,
  type HealthRouter,
} from '@crm/platform/health';
import type { Logger } from '@crm/platform/logging';
import { createCustomerServices, type CustomerServices } from './application/customer-services';
import type { PoolSettings } from './application/pool-service';
import { customerDataSource } from './db/data-source';
import { AUDIT_STREAM, AUDIT_SUBJECTS, CUSTOMER_STREAM, CUSTOMER_SUBJECTS } from './events/customer-events';
import {
  applyTicketEvent,
  TICKET_ASSIGNMENT_DURABLE,
  TICKET_ASSIGNMENT_SUBJECTS,
  TICKET_STREAM,
} from './events/ticket-assignments';
import { createCustomerGrpcHandlers } from './grpc/customer-grpc-handlers';
import { createContext, type CustomerContext } from './graphql/context';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { customerResolvers } from './graphql/all-resolvers';
import { customerTypeDefs } from './graphql/schema-files';
import { importRoutes } from './import/import-routes';
import { exportRoutes } from './export/account-export';
import { KeycloakUserDirectory, type ServiceAccount } from './auth/keycloak-user-directory';
import { actorFromPrincipal } from './application/actor';
import { AuditCheckpoints } from './application/audit-checkpoints';
import { grpcAuthenticate, httpAuthenticate, sourceIpOf } from './auth/request-authentication';

export interface CustomerAppConfig {
  databaseUrl: string;
  natsUrl: string;
  grpcPort: number;
  httpPort: number;
  poolSize?: number;
  recycleBinRetentionDays?: number;
  /** Keycloak realm issuer and required audience: every request's token is verified here again. */
  auth: TokenVerifierOptions;
  /** Offboarding: the service account reading Keycloak users and groups (crm-services with its development secret by default), and the pool policy. */
  offboarding?: { serviceAccount?: ServiceAccount; toPool?: boolean };
  /** Customer pool (公海) caps, cooldown, return limits and time zone; the defaults of defaultPoolSettings otherwise. */
  pool?: Partial<PoolSettings>;
  /** How often to look for the TICKET stream while service-ticket has not declared it; default 5 s. */
  ticketStreamPollMs?: number;
  /** Country of phone numbers typed without '+' and of imported addresses without one; default CN. */
  defaultCountry?: string;
  /** List totals (GraphQL totalCount) are exact up to this many rows, then estimated; default 10,000. */
  exactCountUpTo?: number;
}

export interface CustomerApp {
  services: CustomerServices;
  dataSource: DataSource;
  bus: Bus;
  relay: OutboxRelay;
  grpc: CrmGrpcServer;
  grpcPort: number;
  httpPort: number;
  health: HealthRouter;
  /** Stops taking work: readiness 503, HTTP and gRPC servers closed after in-flight requests finish. */
  stopAccepting(): Promise<void>;
  /** The consumers of other services' events (ticket assignments). */
  consumers: Consumer[];
  /** Stops the consumers: the message in hand finishes, the rest stay on the stream for the next start. */
  stopConsumers(): Promise<void>;
  /** Publishes every pending outbox event. */
  flushOutbox(timeoutMs: number): Promise<boolean>;
  /** Closes the relay, NATS and the database. */
  close(): Promise<void>;
}

/** Builds and starts the customer service: database, bus, relay, gRPC and the GraphQL subgraph. */
export async function startCustomerApp(config: CustomerAppConfig, logger: Logger): Promise<CustomerApp> {
  const dataSource = customerDataSource(config.databaseUrl, config.poolSize);
  await dataSource.initialize();
  const bus = await connectBus({ servers: config.natsUrl, name: 'customer', logger });
  await ensureStream(bus, { name: CUSTOMER_STREAM, subjects: CUSTOMER_SUBJECTS });
  await ensureStream(bus, { name: AUDIT_STREAM, subjects: AUDIT_SUBJECTS, appendOnly: true });
  await ensureDeadLetterStream(bus);
  const relay = new OutboxRelay({ dataSource, bus, logger });
  await relay.start();

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
    { pool: config.pool, exactCountUpTo: config.exactCountUpTo, defaultCountry: config.defaultCountry },
  );
  services.auditCheckpoints = new AuditCheckpoints(dataSource, bus);
  const consumers = [
    await startConsumer({
      bus,
      dataSource,
      logger,
      stream: TICKET_STREAM,
      durable: TICKET_ASSIGNMENT_DURABLE,
      filterSubjects: TICKET_ASSIGNMENT_SUBJECTS,
      handler: applyTicketEvent,
      awaitStreamPollMs: config.ticketStreamPollMs ?? 5_000,
    }),
  ];
  const verifier = createTokenVerifier(config.auth);
  const authenticateHttp = httpAuthenticate(verifier);
  const readiness = createReadiness([
    databaseCheck(dataSource),
    natsCheck(() => bus.isConnected()),
    consumersCheck(() => consumers.every((c) => c.isHealthy())),
  ]);
  const health = createHealthRouter(readiness);

  const grpc = createGrpcServer({ logger, readiness });
  grpc.implement(customerV1.CustomerServiceService, createCustomerGrpcHandlers(services), {
    authenticate: grpcAuthenticate(verifier),
  });
  const grpcPort = await bindGrpcServer(grpc, `0.0.0.0:${config.grpcPort}`);

  const subgraph: SubgraphServer = await createSubgraphServer<CustomerContext>({
    typeDefs: customerTypeDefs(),
    resolvers: customerResolvers() as unknown as GraphQLResolverMap<CustomerContext>,
    logger,
    plugins: [redactedFieldsPlugin],
    context: async (req, requestId) => {
      try {
        const principal = await authenticateHttp(req);
        return createContext(services, actorFromPrincipal(principal, requestId, sourceIpOf(req)));
      } catch (error) {
        const check = error instanceof TokenError ? error.check : 'malformed';
        throw new GraphQLError(error instanceof Error ? error.message : 'unauthenticated', {
          extensions: { code: 'UNAUTHENTICATED', check, http: { status: 401 } },
        });
      }
    },
    configure: (app) => {
      app.use(health);
      app.use(importRoutes(services, logger, authenticateHttp));
      app.use(exportRoutes(services, logger, authenticateHttp));
    },
  });
  const httpServer: Server = await subgraph.listen(config.httpPort);
  const address = httpServer.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.httpPort;
  logger.info({ grpcPort, httpPort }, 'customer service started');

  let stopped = false;
  return {
    services,
    dataSource,
    bus,
    relay,
    grpc,
    grpcPort,
    httpPort,
    health,
    async stopAccepting() {
      if (stopped) return;
      stopped = true;
      health.markShuttingDown();
      await Promise.all([subgraph.stop(), shutdownGrpcServer(grpc)]);
    },
    consumers,
    stopConsumers: async () => {
      await Promise.all(consumers.map((c) => c.stop()));
    },
    flushOutbox: (timeoutMs) => relay.flush(timeoutMs),
    async close() {
      await Promise.all(consumers.map((c) => c.stop()));
      await relay.stop();
      await bus.close();
      await dataSource.destroy();
    },
  };
}
