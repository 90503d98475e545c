export { anonymous, type Authenticate, type Principal } from './principal';
export { requirePrincipal, type CallContext } from './call-context';
export { currentCallContext } from './current-call';
export { GrpcStatusError } from './grpc-status-error';
export { InFlightCalls } from './in-flight-calls';
export { handleUnary, REQUEST_ID_HEADER, type UnaryHandler, type UnaryHandlerOptions } from './unary-handler';
export { implementService, type MethodPolicy, type ServiceHandlers } from './implement-service';
export { HealthReporter } from './health-reporter';
export { implementHealthService } from './health-service';
export {
  CrmGrpcServer,
  createGrpcServer,
  bindGrpcServer,
  shutdownGrpcServer,
  serviceNameOf,
  type GrpcServerOptions,
} from './grpc-server';
export {
  createGrpcClient,
  retryServiceConfig,
  type GrpcClientConstructor,
  type GrpcClientOptions,
} from './grpc-client';
export { callUnary, type CallUnaryOptions, type UnaryMethod } from './call-unary';
export { actorOfCall, peerAddress } from './call-actor';
