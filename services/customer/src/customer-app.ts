import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { customerV1 } from '@crm/contracts';
import { connectBus, ensureDeadLetterStream, ensureStream, OutboxRelay, type Bus } from '@crm/platform/bus';
import { createSubgraphServer, type SubgraphServer } from '@crm/platform/graphql';
import { bindGrpcServer, createGrpcServer, shutdownGrpcServer, type CrmGrpcServer } from '@crm/platform/grpc';
import { createHealthRouter, createReadiness, databaseCheck, natsCheck, type HealthRouter } from '@crm/platform/health';
import type { Logger } from '@crm/platform/logging';
import { createCustomerServices, type CustomerServices } from './application/customer-services';
import { customerDataSource } from './db/data-source';
import { CUSTOMER_STREAM, CUSTOMER_SUBJECTS } from './events/customer-events';
import { createCustomerGrpcHandlers } from './grpc/customer-grpc-handlers';
import { createContext, type CustomerContext } from './graphql/context';
import { resolvers } from './graphql/resolvers';
import { importRoutes } from './import/import-routes';

export interface CustomerAppConfig {
  databaseUrl: string;
  natsUrl: string;
  grpcPort: number;
  httpPort: number;
  poolSize?: number;
  recycleBinRetentionDays?: number;
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
  /** Publishes every pending outbox event. */
  flushOutbox(timeoutMs: number): Promise<boolean>;
  /** Closes the relay, NATS and the database. */
  close(): Promise<void>;
}

export const customerSchemaPath = join(__dirname, 'graphql', 'schema.graphql');

/** Builds and starts the customer service: database, bus, relay, gRPC and the GraphQL subgraph. */
export async function startCustomerApp(config: CustomerAppConfig, logger: Logger): Promise<CustomerApp> {
  const dataSource = customerDataSource(config.databaseUrl, config.poolSize);
  await dataSource.initialize();
  const bus = await connectBus({ servers: config.natsUrl, name: 'customer', logger });
  await ensureStream(bus, { name: CUSTOMER_STREAM, subjects: CUSTOMER_SUBJECTS });
  await ensureDeadLetterStream(bus);
  const relay = new OutboxRelay({ dataSource, bus, logger });
  await relay.start();

  const services = createCustomerServices(dataSource);
  const readiness = createReadiness([databaseCheck(dataSource), natsCheck(() => bus.isConnected())]);
  const health = createHealthRouter(readiness);

  const grpc = createGrpcServer({ logger, readiness });
  grpc.implement(
    customerV1.CustomerServiceService,
    createCustomerGrpcHandlers({ dataSource, accounts: services.accounts, activities: services.activities }),
  );
  const grpcPort = await bindGrpcServer(grpc, `0.0.0.0:${config.grpcPort}`);

  const subgraph: SubgraphServer = await createSubgraphServer<CustomerContext>({
    typeDefs: parse(readFileSync(customerSchemaPath, 'utf8')),
    resolvers,
    logger,
    context: async (_req, requestId) => createContext(services, { id: 'anonymous', requestId }),
    configure: (app) => {
      app.use(health);
      app.use(importRoutes(services, logger));
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
    flushOutbox: (timeoutMs) => relay.flush(timeoutMs),
    async close() {
      await relay.stop();
      await bus.close();
      await dataSource.destroy();
    },
  };
}
