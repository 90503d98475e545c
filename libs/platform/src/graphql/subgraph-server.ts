import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import express, { type Express, type Request } from 'express';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Principal } from '../auth/principal';
import { operationLogPlugin } from './operation-log-plugin';
import type { SubgraphResolverMap } from './subgraph-resolvers';
import { toGraphQLError, DomainError } from '../errors';
import { listenHttp } from '../http/listen';
import { requestLog } from '../http/request-log';
import { runWithRequestContext, type Logger } from '../logging';
import { enforceGraphqlPolicy, httpPolicyGate, type Caller, type OperationPolicy } from '../policy';

export interface SubgraphOptions<TContext extends BaseContext> {
  typeDefs: DocumentNode;
  resolvers: SubgraphResolverMap<TContext>;
  logger: Logger;
  /** Builds the per-request context, including a fresh set of DataLoaders. */
  context: (req: Request, requestId: string) => Promise<TContext>;
  /** More Apollo plugins (e.g. response extensions). */
  plugins?: ApolloServerPlugin<TContext>[];
  /** Routes mounted before /graphql (health, imports, ...). */
  configure?: (app: Express) => void;
  /**
   * The service's policy table: its `graphql` rules guard every root field, its `http` rules every route (this
   * server's `POST /graphql` included). Whatever it does not name is refused with FORBIDDEN.
   */
  policy: Pick<OperationPolicy, 'graphql' | 'http'>;
  /** The caller a request's context carries, for the GraphQL rules. */
  callerOf: (context: TContext) => Caller | null;
  /** Verifies the bearer token of an HTTP request, for the HTTP rules. */
  authenticate: (req: Request) => Promise<Principal>;
}

export interface SubgraphServer<TContext extends BaseContext = BaseContext> {
  app: Express;
  apollo: ApolloServer<TContext>;
  listen(port: number, host?: string): Promise<Server>;
  stop(): Promise<void>;
}

/** Maps errors once: domain errors keep their code and field path; anything else is an opaque INTERNAL error. */
function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      const mapped = toGraphQLError(original);
      return { ...formatted, message: mapped.message, extensions: { ...mapped.extensions } };
    }
    if (
      original instanceof GraphQLError ||
      formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ||
      formatted.extensions?.code === 'BAD_USER_INPUT' ||
      formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED'
    ) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original }, 'unhandled error in resolver');
    return {
      message: 'internal error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** An Apollo Federation subgraph on express with @apollo/server 5; one context (and loader set) per request. */
export async function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphOptions<TContext>,
): Promise<SubgraphServer<TContext>> {
  const schema = enforceGraphqlPolicy(
    // Apollo's GraphQLResolverMap mistypes __resolveReference (see SubgraphResolverMap); buildSubgraphSchema calls it right.
    buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap }]),
    options.policy.graphql,
    options.callerOf,
  );
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError: formatError(options.logger),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // Shutdown is ours (lifecycle phases); Apollo's own handler would re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), operationLogPlugin<TContext>(), ...(options.plugins ?? [])],
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(options.logger));
  app.use(httpPolicyGate(options.policy.http, options.authenticate));
  options.configure?.(app);
  const graphql = expressMiddleware(apollo, {
    context: async ({ req }) => {
      const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
      return options.context(req, requestId);
    },
  });
  // A route, not a mounted middleware, so the route enumeration (httpRoutesOf) sees it like any other.
  app.post('/graphql', express.json({ limit: '2mb' }), graphql);
  const servers: Server[] = [];
  return {
    app,
    apollo,
    async listen(port, host = '0.0.0.0') {
      const server = await listenHttp(app, port, host);
      servers.push(server);
      return server;
    },
    async stop() {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      await apollo.stop();
    },
  };
}

/** Runs a resolver body inside the request's logging context. */
export function inRequestContext<T>(requestId: string, actorId: string | undefined, fn: () => T): T {
  return runWithRequestContext({ requestId, actorId }, fn);
}
