import {
  credentials as grpcCredentials,
  InterceptingCall,
  type ChannelCredentials,
  type Client,
  type ClientOptions,
  type Interceptor,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { addCallerMetadata, effectiveDeadline } from './caller-metadata';
import { serviceNameOf } from './grpc-server';

/** The constructor ts-proto generates for a service client (e.g. customerV1.CustomerServiceClient). */
export interface GrpcClientConstructor<C extends Client> {
  new (address: string, credentials: ChannelCredentials, options?: Partial<ClientOptions>): C;
  service: ServiceDefinition;
}

export interface GrpcClientOptions {
  /** Deadline of every call that sets none; 5000 ms unless given. */
  deadlineMs?: number;
  /** Attempts per call, the first included; only UNAVAILABLE is retried. 3 unless given (grpc-js caps it at 5). */
  maxAttempts?: number;
  credentials?: ChannelCredentials;
  channelOptions?: Partial<ClientOptions>;
}

/** Retries UNAVAILABLE only: every other failure is an answer, and retrying it could apply a write twice. */
export function retryServiceConfig(serviceName: string, maxAttempts: number): string {
  const retryPolicy =
    maxAttempts > 1
      ? {
          maxAttempts,
          initialBackoff: '0.1s',
          maxBackoff: '1s',
          backoffMultiplier: 2,
          retryableStatusCodes: ['UNAVAILABLE'],
        }
      : undefined;
  return JSON.stringify({ methodConfig: [{ name: [{ service: serviceName }], retryPolicy }] });
}

function defaultsInterceptor(deadlineMs: number): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(
      nextCall(options.deadline === undefined ? { ...options, deadline: effectiveDeadline(deadlineMs) } : options),
      {
        start(metadata, listener, next) {
          next(addCallerMetadata(metadata), listener);
        },
      },
    );
}

/**
 * A generated grpc-js client with a default deadline, UNAVAILABLE-only retries and the caller's request id and token
 * forwarded. Its methods are bound, so `callUnary(client.getAccount, request)` works.
 */
export function createGrpcClient<C extends Client>(
  ClientCtor: GrpcClientConstructor<C>,
  address: string,
  options: GrpcClientOptions = {},
): C {
  const {
    deadlineMs = 5000,
    maxAttempts = 3,
    credentials = grpcCredentials.createInsecure(),
    channelOptions,
  } = options;
  const serviceName = serviceNameOf(ClientCtor.service);
  if (!serviceName) throw new Error('the client constructor has no service methods');
  const client = new ClientCtor(address, credentials, {
    'grpc.service_config': retryServiceConfig(serviceName, maxAttempts),
    'grpc.enable_retries': 1,
    ...channelOptions,
    interceptors: [defaultsInterceptor(deadlineMs), ...(channelOptions?.interceptors ?? [])],
  });
  const methods = client as unknown as Record<string, unknown>;
  for (const name of Object.keys(ClientCtor.service)) {
    const method = methods[name];
    if (typeof method === 'function') methods[name] = method.bind(client);
  }
  return client;
}
