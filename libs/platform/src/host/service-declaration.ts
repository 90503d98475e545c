import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Metadata, ServiceDefinition } from '@grpc/grpc-js';
import type { Router } from 'express';
import type { DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import type { HttpAuthenticate, Principal, TokenVerifierOptions } from '../auth';
import type { Bus, ConsumerOptions, NatsCredentials, StreamDeclaration } from '../bus';
import type { CrmGrpcServer, ServiceHandlers } from '../grpc';
import type { SubgraphResolverMap } from '../graphql';
import type { ScheduledJob } from '../jobs';
import type { Logger } from '../logging';
import type { MethodPolicy } from '../grpc';
import type { OperationPolicy } from '../policy';

/** What the host has built before the service's own objects: handed to `services` and `jobs`. */
export interface PlatformDeps {
  dataSource: DataSource;
  bus: Bus;
  logger: Logger;
}

/** The verified caller of a GraphQL request, for the service's context factory. */
export interface GraphQLCaller {
  principal: Principal;
  requestId: string;
  sourceIp?: string;
}

/** A durable consumer of another service's stream; the host supplies the bus, database and logger. */
export type HostedConsumer = Omit<ConsumerOptions, 'bus' | 'dataSource' | 'logger'>;

/** A gRPC service bound to its handlers (`grpcService`), so the declaration needs no type parameter for it. */
export interface HostedGrpcService<S> {
  implement(
    server: CrmGrpcServer,
    services: S,
    authenticate: (metadata: Metadata) => Promise<Principal>,
    policy: MethodPolicy,
  ): void;
}

export function grpcService<D extends ServiceDefinition, S>(
  definition: D,
  handlers: (services: S) => ServiceHandlers<D>,
): HostedGrpcService<S> {
  return {
    implement(server, services, authenticate, policy) {
      server.implement(definition, handlers(services), { authenticate, policy });
    },
  };
}

export interface SubgraphDeclaration<S, TContext extends BaseContext> {
  typeDefs: DocumentNode;
  /** Typed per field by the service: its graphql-codegen `Resolvers` fit as they are. */
  resolvers: SubgraphResolverMap<TContext>;
  plugins?: ApolloServerPlugin<TContext>[];
  /** Builds one request's context (its DataLoaders included) for an authenticated caller. */
  context(services: S, caller: GraphQLCaller): TContext | Promise<TContext>;
}

/** What HTTP routes get to authenticate and log. */
export interface RouteTools {
  authenticate: HttpAuthenticate;
  logger: Logger;
}

/**
 * Everything a service is, for the host to start and stop: the service writes this (and its domain), the host does
 * the rest. See docs/service-template.md.
 */
export interface ServiceDeclaration<S, TContext extends BaseContext = BaseContext> {
  /** Lower-case service name, e.g. `customer`: logger, NATS connection, job locks. */
  name: string;
  database: {
    url: string;
    poolSize?: number;
    /** The service's DataSource (entities and migrations); the host initialises and destroys it. */
    dataSource(url: string, poolSize?: number): DataSource;
  };
  /** The NATS server(s), and the replica count of the streams the service declares (NATS_STREAM_REPLICAS). */
  nats: { url: string; streamReplicas?: number; credentials?: NatsCredentials };
  /** Keycloak issuer and audience: every gRPC call and HTTP request is verified against them. */
  auth: TokenVerifierOptions;
  /** HTTP port of /healthz, /readyz, /graphql and the routes (0: a free one). */
  httpPort: number;
  /** The streams the service produces to, including the shared append-only AUDIT stream; the DLQ is always declared. */
  streams: StreamDeclaration[];
  /** The service's own objects (application services, repositories), built once the database and bus are up. */
  services(platform: PlatformDeps): S | Promise<S>;
  consumers?(services: S): HostedConsumer[];
  grpc?: { port: number; service: HostedGrpcService<S> };
  subgraph?: SubgraphDeclaration<S, TContext>;
  /** Express routers mounted before /graphql (imports, exports, ...). */
  routes?(services: S, tools: RouteTools): Router[];
  /** Scheduled work, built-in jobs included (builtInJobs); each runs once per tick across replicas. */
  jobs?(services: S, platform: PlatformDeps): ScheduledJob[];
  /**
   * Who may call each GraphQL root field, gRPC method and HTTP route (the service's policy table). The host puts it in
   * front of every one of them; whatever it does not name is refused with FORBIDDEN.
   */
  policy: OperationPolicy;
  /** Releases what `services` opened beyond the database and bus (clients of other services), last at shutdown. */
  close?(services: S): void | Promise<void>;
}
