import {
  Server,
  ServerCredentials,
  type ServerOptions,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { healthV1 } from '@crm/contracts';
import { createReadiness, type Readiness, type ReadinessCheck } from '../health/readiness';
import type { Logger } from '../logging';
import { HealthReporter } from './health-reporter';
import { implementHealthService } from './health-service';
import { InFlightCalls } from './in-flight-calls';
import { implementService, type MethodPolicy, type ServiceHandlers } from './implement-service';
import type { Authenticate } from './principal';

export interface GrpcServerOptions {
  logger: Logger;
  /** The readiness shared with HTTP /readyz; built from `checks` when not given. */
  readiness?: Readiness;
  checks?: ReadinessCheck[];
  /** How often Watch streams re-run the readiness checks. */
  healthPollIntervalMs?: number;
  serverOptions?: ServerOptions;
}

/** '/crm.customer.v1.CustomerService/GetAccount' → 'crm.customer.v1.CustomerService'. */
export function serviceNameOf(definition: ServiceDefinition): string | undefined {
  const first = Object.values(definition)[0];
  return first?.path.split('/')[1];
}

/**
 * A grpc-js Server that serves grpc.health.v1.Health from the readiness checks and counts in-flight calls.
 * Every service added is registered with the health reporter under its full name.
 */
export class CrmGrpcServer extends Server {
  readonly health: HealthReporter;
  readonly calls = new InFlightCalls();
  readonly logger: Logger;

  constructor(options: GrpcServerOptions) {
    super(options.serverOptions);
    this.logger = options.logger;
    this.health = new HealthReporter(
      options.readiness ?? createReadiness(options.checks ?? []),
      options.healthPollIntervalMs,
    );
    super.addService(healthV1.HealthService, implementHealthService(this.health));
  }

  override addService(service: ServiceDefinition, implementation: UntypedServiceImplementation): void {
    super.addService(service, implementation);
    const name = serviceNameOf(service);
    if (name) this.health.register(name);
  }

  /**
   * Adds a unary service built from plain async handlers, logged with this server's logger and counted for drain.
   * `policy` names who may call each method; a method it leaves out is refused (PERMISSION_DENIED).
   */
  implement<D extends ServiceDefinition>(
    definition: D,
    handlers: ServiceHandlers<D>,
    options: { authenticate?: Authenticate; policy: MethodPolicy },
  ): void {
    this.addService(
      definition,
      implementService(definition, handlers, { ...options, logger: this.logger, calls: this.calls }),
    );
  }

  /** How many calls handled through `handleUnary({ calls: server.calls })` are running. */
  inFlight(): number {
    return this.calls.inFlight();
  }

  /** Resolves once no counted call is running. */
  whenIdle(): Promise<void> {
    return this.calls.whenIdle();
  }
}

export function createGrpcServer(options: GrpcServerOptions): CrmGrpcServer {
  return new CrmGrpcServer(options);
}

/** Binds and resolves the bound port ('0.0.0.0:0' picks a free one). Plaintext unless credentials are given. */
export function bindGrpcServer(
  server: Server,
  address: string,
  credentials: ServerCredentials = ServerCredentials.createInsecure(),
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (error, port) => (error ? reject(error) : resolve(port)));
  });
}

/**
 * Stops accepting calls and resolves once running calls have finished; after graceMs the remaining ones are cancelled.
 * Marks the health service NOT_SERVING first when given a CrmGrpcServer.
 */
export function shutdownGrpcServer(server: Server, graceMs = 10_000): Promise<void> {
  if (server instanceof CrmGrpcServer) server.health.markShuttingDown();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
