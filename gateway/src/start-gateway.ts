import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@crm/platform/logging';
import type { GatewayConfig } from './config';
import { ApolloFederationEngine } from './engine/apollo-federation-engine';
import type { GraphEngine } from './engine/graph-engine';
import type { Authenticate } from './http/authenticate';
import { InFlightRequests } from './http/in-flight-requests';
import { createHttpServer } from './http-server';

export interface GatewayOptions {
  readonly config: GatewayConfig;
  readonly supergraphSdl: string;
  readonly logger: Logger;
  /** The engine; the Apollo Federation one unless a test or a later engine supplies another. */
  readonly engine?: GraphEngine;
  /** Runs before the limits and the engine: the Keycloak JWT check in production (see main.ts). */
  readonly authenticate: Authenticate;
}

export interface RunningGateway {
  readonly port: number;
  /** Stops taking requests, waits for those in progress (up to the drain timeout), then stops the engine. */
  stop(): Promise<void>;
}

/** Loads the supergraph into the engine and serves HTTP on config.port (0 picks a free port). */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config, logger } = options;
  const engine =
    options.engine ??
    new ApolloFederationEngine({ subgraphs: config.subgraphs, logger, introspection: config.introspection });
  await engine.load(options.supergraphSdl);

  const inFlight = new InFlightRequests();
  const app = createHttpServer({
    engine,
    subgraphs: config.subgraphs,
    limits: config.limits,
    bodyLimitBytes: config.bodyLimitBytes,
    attachments: config.attachments,
    readinessTimeoutMs: config.readinessTimeoutMs,
    authenticate: options.authenticate,
    inFlight,
    logger,
  });
  const server = app.listen(config.port);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, subgraphs: config.subgraphs }, 'gateway listening');

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    inFlight.startDraining();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const drained = await inFlight.drained(config.drainTimeoutMs);
    if (!drained) logger.warn({ inProgress: inFlight.inProgress() }, 'drain timeout: closing remaining connections');
    server.closeAllConnections();
    await closed;
    await engine.stop();
    logger.info('gateway stopped');
  };
  return {
    port,
    stop: () => (stopping ??= stop()),
  };
}
