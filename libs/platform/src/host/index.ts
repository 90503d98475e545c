export {
  grpcService,
  type GraphQLCaller,
  type HostedConsumer,
  type HostedGrpcService,
  type PlatformDeps,
  type RouteTools,
  type ServiceDeclaration,
  type SubgraphDeclaration,
} from './service-declaration';
export { startService, type RunningService } from './service-host';
export { runService, type RunServiceOptions } from './run-service';
