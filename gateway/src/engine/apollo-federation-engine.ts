// The only module that knows the engine is @apollo/gateway (run inside @apollo/server for HTTP parsing and errors).
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { operationLogPlugin } from '@crm/platform/graphql';
import type { Logger } from '@crm/platform/logging';
import { operationMetricsPlugin } from '../metrics/operation-metrics-plugin';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { EngineRequest, EngineResponse, GraphEngine, SubgraphEndpoint } from './graph-engine';

interface OperationContext {
  forwardedHeaders: Readonly<Record<string, string>>;
  /** What subgraphs hid from this caller (field-level security), merged into the response's extensions. */
  redactedFields: unknown[];
}

/** Sends each subgraph request with the headers the HTTP layer chose to forward (identity, request id, trace). */
class ForwardingDataSource extends RemoteGraphQLDataSource<OperationContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<OperationContext>): void {
    const forwarded: unknown = options.context.forwardedHeaders;
    if (!forwarded || typeof forwarded !== 'object') return; // health checks and schema loading carry no caller
    for (const [name, value] of Object.entries(forwarded)) {
      if (typeof value === 'string') options.request.http?.headers.set(name, value);
    }
  }

  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<OperationContext>['didReceiveResponse']>>[0]) {
    const redacted = response.extensions?.redactedFields;
    if (Array.isArray(redacted) && Array.isArray(context.redactedFields)) context.redactedFields.push(...redacted);
    return response;
  }
}

/** Subgraphs report hidden sensitive fields in their response extensions; the client sees them all in one list. */
const redactedFieldsPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({
        response,
        contextValue,
      }: {
        response: { body: { kind: string; singleResult?: { extensions?: Record<string, unknown> } } };
        contextValue: OperationContext;
      }) {
        if (response.body.kind !== 'single' || !response.body.singleResult || !contextValue.redactedFields?.length)
          return;
        response.body.singleResult.extensions = {
          ...response.body.singleResult.extensions,
          redactedFields: contextValue.redactedFields,
        };
      },
    };
  },
};

export interface ApolloFederationEngineOptions {
  /** Overrides the URLs written in the supergraph, by subgraph name. */
  readonly subgraphs: readonly SubgraphEndpoint[];
  readonly logger: Logger;
  readonly introspection: boolean;
}

export class ApolloFederationEngine implements GraphEngine {
  private server: ApolloServer<OperationContext> | undefined;
  private schema: GraphQLSchema | undefined;
  private ready = false;

  constructor(private readonly options: ApolloFederationEngineOptions) {}

  async load(supergraphSdl: string): Promise<void> {
    if (this.server) throw new Error('the engine is already loaded');
    const urls = new Map(this.options.subgraphs.map((s) => [s.name, s.url]));
    const logger = this.options.logger;
    const gateway = new ApolloGateway({
      supergraphSdl,
      buildService: ({ name, url }) => new ForwardingDataSource({ url: urls.get(name) ?? url }),
      logger: apolloLogger(logger),
    });
    gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
      this.schema = apiSchema;
    });
    const server = new ApolloServer<OperationContext>({
      gateway,
      logger: apolloLogger(logger),
      introspection: this.options.introspection,
      includeStacktraceInErrorResponses: false,
      // Automatic persisted queries would let a hash bypass the depth and cost limits, which need the query text.
      persistedQueries: false,
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        redactedFieldsPlugin,
        operationLogPlugin<OperationContext>(),
        operationMetricsPlugin<OperationContext>(),
      ],
      // main.ts owns the signals: it drains HTTP requests before stopping the engine.
      stopOnTerminationSignals: false,
      formatError: (formatted, error) => maskGatewayFailure(formatted, error, logger),
    });
    this.server = server;
    await server.start();
    this.ready = true;
  }

  isReady(): boolean {
    return this.ready;
  }

  apiSchema(): GraphQLSchema | undefined {
    return this.schema;
  }

  async execute(request: EngineRequest): Promise<EngineResponse> {
    if (!this.server || !this.ready) throw new Error('the engine is not loaded');
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.http.headers)) headers.set(name, value);
    const response = await this.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.http.method,
        headers,
        search: request.http.search,
        body: request.http.body,
      },
      context: async () => ({ forwardedHeaders: request.forwardedHeaders, redactedFields: [] }),
    });
    return {
      status: response.status ?? 200,
      headers: Object.fromEntries(response.headers),
      body: response.body.kind === 'complete' ? response.body.string : response.body.asyncIterator,
    };
  }

  async stop(): Promise<void> {
    this.ready = false;
    await this.server?.stop();
  }
}

/**
 * A failure inside the gateway itself (e.g. a subgraph it cannot reach) is logged in full and answered without its
 * message, which names internal hosts; errors a subgraph returned carry `serviceName` and pass through untouched.
 */
function maskGatewayFailure(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  if (extensions.code !== 'INTERNAL_SERVER_ERROR' || 'serviceName' in extensions) return formatted;
  logger.error({ err: error, path: formatted.path }, 'operation failed inside the gateway');
  return { ...formatted, message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function apolloLogger(logger: Logger) {
  const text = (message: unknown) => (message instanceof Error ? message.message : String(message));
  return {
    debug: (message?: unknown) => logger.debug(text(message)),
    info: (message?: unknown) => logger.info(text(message)),
    warn: (message?: unknown) => logger.warn(text(message)),
    error: (message?: unknown) => logger.error(text(message)),
  };
}
