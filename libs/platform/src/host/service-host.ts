import type { Server } from 'node:http';
import type { BaseContext } from '@apollo/server';
import express, { type Express } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { createTokenVerifier, grpcAuthenticate, httpAuthenticate, sourceIpOf, TokenError } from '../auth';
import {
  connectBus,
  ensureDeadLetterStream,
  ensureStream,
  outboxBacklogCheck,
  OutboxRelay,
  startConsumer,
  type Bus,
  type Consumer,
} from '../bus';
import { postgresClientConfig } from '../bus/postgres-client-config';
import { createSubgraphServer, type SubgraphServer } from '../graphql';
import { bindGrpcServer, createGrpcServer, shutdownGrpcServer, type CrmGrpcServer } from '../grpc';
import {
  consumersCheck,
  createHealthRouter,
  createReadiness,
  databaseCheck,
  natsCheck,
  type HealthRouter,
} from '../health';
import { createJobRunner, type JobRunner } from '../jobs';
import type { Shutdown } from '../lifecycle';
import { listenHttp } from '../http/listen';
import { requestLog } from '../http/request-log';
import type { Logger } from '../logging';
import { startConsumerLagMetrics } from '../metrics/consumer-lag';
import { httpPolicyGate, type Caller } from '../policy';
import type { PlatformDeps, ServiceDeclaration } from './service-declaration';

/** The verified caller of a GraphQL request, kept on its context for the policy table's root-field rules. */
const CALLER = Symbol('crm.caller');

export interface RunningService<S> {
  name: string;
  services: S;
  dataSource: DataSource;
  bus: Bus;
  relay: OutboxRelay;
  /** Undefined when the service declares no gRPC service. */
  grpc?: CrmGrpcServer;
  grpcPort?: number;
  httpPort: number;
  /** The express app behind the HTTP port (GraphQL, routes, health), e.g. to enumerate its routes. */
  http: Express;
  health: HealthRouter;
  jobs: JobRunner;
  /** Stops taking work: readiness 503, jobs stopped (the running one finishes), HTTP and gRPC servers closed. */
  stopAccepting(): Promise<void>;
  /** Stops the consumers: the message in hand finishes, the rest stay on the stream for the next start. */
  stopConsumers(): Promise<void>;
  /** Publishes every pending outbox event. */
  flushOutbox(timeoutMs: number): Promise<boolean>;
  /** Closes the relay, NATS and the database. */
  close(): Promise<void>;
  /** Registers the steps above on the lifecycle's named phases, in their order. */
  registerShutdown(shutdown: Shutdown): void;
}

/** Starts a declared service: database, streams, relay, consumers, gRPC, subgraph and routes, health, jobs. */
export async function startService<S, TContext extends BaseContext>(
  declaration: ServiceDeclaration<S, TContext>,
  logger: Logger,
): Promise<RunningService<S>> {
  const { name } = declaration;
  const dataSource = declaration.database.dataSource(declaration.database.url, declaration.database.poolSize);
  await dataSource.initialize();
  const bus = await connectBus({
    servers: declaration.nats.url,
    name,
    logger,
    credentials: declaration.nats.credentials,
  });
  const replicas = declaration.nats.streamReplicas;
  for (const stream of declaration.streams) await ensureStream(bus, { replicas, ...stream });
  await ensureDeadLetterStream(bus, replicas);
  const relay = new OutboxRelay({ dataSource, bus, logger });
  await relay.start();

  const platform: PlatformDeps = { dataSource, bus, logger };
  const services = await declaration.services(platform);
  const consumers: Consumer[] = [];
  const declaredConsumers = declaration.consumers?.(services) ?? [];
  for (const consumer of declaredConsumers) {
    consumers.push(await startConsumer({ ...consumer, bus, dataSource, logger }));
  }
  const consumerLag = startConsumerLagMetrics({ bus, consumers: declaredConsumers, logger });
  const verifier = createTokenVerifier(declaration.auth);
  const authenticateHttp = httpAuthenticate(verifier);
  // Only the database makes a replica not ready; NATS, consumers and the outbox backlog degrade it (the outbox keeps
  // writes going while NATS is away).
  const readiness = createReadiness(
    [
      databaseCheck(dataSource),
      natsCheck(() => bus.isConnected()),
      consumersCheck(() => consumers.every((c) => c.isHealthy())),
      outboxBacklogCheck(dataSource),
    ],
    { logger },
  );
  const health = createHealthRouter(readiness);

  let grpc: CrmGrpcServer | undefined;
  let grpcPort: number | undefined;
  if (declaration.grpc) {
    grpc = createGrpcServer({ logger, readiness });
    declaration.grpc.service.implement(grpc, services, grpcAuthenticate(verifier), declaration.policy.grpc);
    grpcPort = await bindGrpcServer(grpc, `0.0.0.0:${declaration.grpc.port}`);
  }

  const routes = declaration.routes?.(services, { authenticate: authenticateHttp, logger }) ?? [];
  const subgraphDeclaration = declaration.subgraph;
  let subgraph: SubgraphServer<TContext> | undefined;
  let httpServer: Server;
  let http: Express;
  if (subgraphDeclaration) {
    subgraph = await createSubgraphServer<TContext>({
      typeDefs: subgraphDeclaration.typeDefs,
      resolvers: subgraphDeclaration.resolvers,
      logger,
      plugins: subgraphDeclaration.plugins,
      context: async (req, requestId) => {
        let principal;
        try {
          principal = await authenticateHttp(req);
        } catch (error) {
          const check = error instanceof TokenError ? error.check : 'malformed';
          throw new GraphQLError(error instanceof Error ? error.message : 'unauthenticated', {
            extensions: { code: 'UNAUTHENTICATED', check, http: { status: 401 } },
          });
        }
        const context = await subgraphDeclaration.context(services, {
          principal,
          requestId,
          sourceIp: sourceIpOf(req),
        });
        // Apollo copies the context object per operation, own symbol keys included: the caller travels with it.
        return Object.assign(context, { [CALLER]: principal as Caller });
      },
      policy: declaration.policy,
      callerOf: (context) => (context as { [CALLER]?: Caller })[CALLER] ?? null,
      authenticate: authenticateHttp,
      configure: (app) => {
        app.use(health);
        for (const route of routes) app.use(route);
      },
    });
    httpServer = await subgraph.listen(declaration.httpPort);
    http = subgraph.app;
  } else {
    const app = express();
    app.disable('x-powered-by');
    app.use(requestLog(logger));
    app.use(httpPolicyGate(declaration.policy.http, authenticateHttp));
    app.use(health);
    for (const route of routes) app.use(route);
    httpServer = await listenHttp(app, declaration.httpPort);
    http = app;
  }
  const address = httpServer.address();
  const httpPort = typeof address === 'object' && address ? address.port : declaration.httpPort;

  const jobs = createJobRunner({
    service: name,
    jobs: declaration.jobs?.(services, platform) ?? [],
    database: postgresClientConfig(dataSource, `crm-${name}-jobs`),
    logger,
  });
  jobs.start();
  logger.info({ grpcPort, httpPort }, `${name} service started`);

  let stopped = false;
  const stopConsumers = async () => {
    consumerLag.stop();
    await Promise.all(consumers.map((c) => c.stop()));
  };
  const running: RunningService<S> = {
    name,
    services,
    dataSource,
    bus,
    relay,
    grpc,
    grpcPort,
    httpPort,
    http,
    health,
    jobs,
    async stopAccepting() {
      if (stopped) return;
      stopped = true;
      health.markShuttingDown();
      await Promise.all([
        jobs.stop(),
        subgraph ? subgraph.stop() : new Promise<void>((resolve) => httpServer.close(() => resolve())),
        grpc ? shutdownGrpcServer(grpc) : undefined,
      ]);
    },
    stopConsumers,
    flushOutbox: (timeoutMs) => relay.flush(timeoutMs),
    async close() {
      await jobs.stop();
      await stopConsumers();
      await relay.stop();
      await declaration.close?.(services);
      await bus.close();
      await dataSource.destroy();
    },
    registerShutdown(shutdown) {
      shutdown.onShutdown('stop-accepting', 'servers and jobs', () => running.stopAccepting());
      if (grpc) shutdown.onShutdown('drain', 'grpc calls', () => grpc.whenIdle());
      if (consumers.length) shutdown.onShutdown('stop-consumers', 'consumers', stopConsumers);
      shutdown.onShutdown('flush', 'outbox', async () => {
        if (!(await relay.flush(10_000)))
          logger.warn('outbox not empty at shutdown: the next start publishes the rest');
      });
      shutdown.onShutdown('close', 'connections', () => running.close());
    },
  };
  return running;
}
