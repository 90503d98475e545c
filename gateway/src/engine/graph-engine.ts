import type { GraphQLSchema } from 'graphql';

/** An HTTP GraphQL request as the engine sees it, free of any web framework. */
export interface EngineHttpRequest {
  readonly method: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw query string including '?', or '' (GET requests carry the operation there). */
  readonly search: string;
  /** The parsed JSON body of a POST, undefined otherwise. */
  readonly body: unknown;
}

export interface EngineRequest {
  readonly http: EngineHttpRequest;
  /** Headers to send on every subgraph request this operation causes (lower-case names). */
  readonly forwardedHeaders: Readonly<Record<string, string>>;
}

export interface EngineResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A complete body, or chunks (incremental delivery). */
  readonly body: string | AsyncIterable<string>;
}

/** Where the engine sends each subgraph's requests (overrides the URL written in the supergraph). */
export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

/**
 * The gateway's query-planning engine, seen from the HTTP, auth, limits and health layers.
 * Any Federation 2 engine that plans and executes over a static supergraph SDL can implement it.
 */
export interface GraphEngine {
  /** Loads the supergraph and gets ready to execute; rejects when the SDL is not a valid supergraph. */
  load(supergraphSdl: string): Promise<void>;
  /** True once load() succeeded and until stop(). */
  isReady(): boolean;
  /** The client-facing API schema of the loaded supergraph (no federation internals), once loaded. */
  apiSchema(): GraphQLSchema | undefined;
  execute(request: EngineRequest): Promise<EngineResponse>;
  stop(): Promise<void>;
}
