import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { checkOperation, type AccessRule } from '../policy';
import { handleUnary, type UnaryHandler, type UnaryHandlerOptions } from './unary-handler';

type RequestOf<M> = M extends { requestDeserialize: (value: Buffer) => infer Req } ? Req : never;
type ResponseOf<M> = M extends { responseSerialize: (value: infer Res) => Buffer } ? Res : never;

/** One plain async handler per method of a generated service definition. */
export type ServiceHandlers<D extends ServiceDefinition> = {
  [K in keyof D]: UnaryHandler<RequestOf<D[K]>, ResponseOf<D[K]>>;
};

/** Who may call each method, by the method's name in the generated definition (`getAccount`). */
export type MethodPolicy = Readonly<Record<string, AccessRule>>;

/**
 * Builds the grpc-js implementation of a (unary-only) generated service from plain async handlers. Each call passes
 * the policy first: a method without a rule, or a caller its rule does not admit, gets PERMISSION_DENIED.
 */
export function implementService<D extends ServiceDefinition>(
  definition: D,
  handlers: ServiceHandlers<D>,
  options: UnaryHandlerOptions & { policy: MethodPolicy },
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const name of Object.keys(definition) as (keyof D & string)[]) {
    const method = definition[name];
    if (method.requestStream || method.responseStream) {
      throw new Error(`${method.path} is a streaming method: implementService handles unary methods only`);
    }
    const handler = handlers[name];
    const rule = options.policy[name];
    implementation[name] = handleUnary<RequestOf<D[typeof name]>, ResponseOf<D[typeof name]>>((request, ctx) => {
      checkOperation(method.path, rule, ctx.principal);
      return handler(request, ctx);
    }, options);
  }
  return implementation;
}
