import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { handleUnary, type UnaryHandler, type UnaryHandlerOptions } from './unary-handler';

type RequestOf<M> = M extends { requestDeserialize: (value: Buffer) => infer Req } ? Req : never;
type ResponseOf<M> = M extends { responseSerialize: (value: infer Res) => Buffer } ? Res : never;

/** One plain async handler per method of a generated service definition. */
export type ServiceHandlers<D extends ServiceDefinition> = {
  [K in keyof D]: UnaryHandler<RequestOf<D[K]>, ResponseOf<D[K]>>;
};

/** Builds the grpc-js implementation of a (unary-only) generated service from plain async handlers. */
export function implementService<D extends ServiceDefinition>(
  definition: D,
  handlers: ServiceHandlers<D>,
  options: UnaryHandlerOptions,
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const name of Object.keys(definition) as (keyof D & string)[]) {
    const method = definition[name];
    if (method.requestStream || method.responseStream) {
      throw new Error(`${method.path} is a streaming method: implementService handles unary methods only`);
    }
    implementation[name] = handleUnary(handlers[name], options);
  }
  return implementation;
}
