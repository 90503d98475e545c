import { ConfigError, env, loadConfig } from '@crm/platform/config';
import type { SubgraphEndpoint } from './engine/graph-engine';
import type { QueryLimits } from './limits/query-limits';
import { resolveFromRepoRoot } from './repo-root';
import { subgraphs as allSubgraphs, type SubgraphDefinition } from './subgraphs';

export interface GatewayConfig {
  readonly port: number;
  /** Absolute path of the composed supergraph SDL. */
  readonly supergraphPath: string;
  readonly subgraphs: readonly SubgraphEndpoint[];
  readonly limits: QueryLimits;
  readonly bodyLimitBytes: number;
  /** Ticket attachments, proxied to the ticket service's HTTP routes (streamed; bigger bodies get 413). */
  readonly attachments: {
    /** The ticket service's HTTP origin: TICKET_HTTP_URL, else the origin of its subgraph URL. */
    readonly upstream: string;
    readonly maxUploadBytes: number;
  };
  readonly readinessTimeoutMs: number;
  readonly drainTimeoutMs: number;
  readonly introspection: boolean;
  /** Keycloak realm issuer and the audience every token must carry. */
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    readonly jwksUri?: string;
    /** Accept the test-only password-grant clients (crm-test): AUTH_ALLOW_DEVELOPMENT_CLIENTS=true, dev and tests only. */
    readonly allowDevelopmentClients: boolean;
  };
}

const gatewaySpec = {
  GATEWAY_PORT: env.port({ default: 4000 }),
  SUPERGRAPH_PATH: env.string({ default: 'gateway/supergraph.graphql', describe: 'a path, relative to the repo root' }),
  GATEWAY_MAX_DEPTH: env.int({ default: 12, min: 1, max: 1000 }),
  GATEWAY_MAX_COST: env.int({ default: 5000, min: 1 }),
  GATEWAY_MAX_BODY_BYTES: env.int({ default: 1_000_000, min: 1024 }),
  GATEWAY_MAX_UPLOAD_BYTES: env.int({ default: 10 * 1024 * 1024, min: 1, max: 1024 * 1024 * 1024 }),
  TICKET_HTTP_URL: env.url({ optional: true, protocols: ['http', 'https'] }),
  GATEWAY_READINESS_TIMEOUT_MS: env.int({ default: 2000, min: 1, max: 60_000 }),
  GATEWAY_DRAIN_TIMEOUT_MS: env.int({ default: 20_000, min: 0, max: 600_000 }),
  GATEWAY_INTROSPECTION: env.bool({ default: false }),
  KEYCLOAK_ISSUER: env.url({ default: 'http://127.0.0.1:8080/realms/crm', protocols: ['http', 'https'] }),
  JWT_AUDIENCE: env.string({ default: 'crm-gateway' }),
  KEYCLOAK_JWKS_URI: env.url({ optional: true, protocols: ['http', 'https'] }),
  AUTH_ALLOW_DEVELOPMENT_CLIENTS: env.bool({ default: false }),
};

/** Reads the gateway's configuration, reporting every wrong variable at once (a ConfigError). */
export function loadGatewayConfig(
  environment: NodeJS.ProcessEnv = process.env,
  definitions: readonly SubgraphDefinition[] = allSubgraphs,
): GatewayConfig {
  const problems: ConfigError['problems'] = [];
  const collect = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const settings = collect(() => loadConfig(gatewaySpec, environment));
  const urls = collect(() =>
    loadConfig(
      Object.fromEntries(
        definitions.map((d) => [d.urlEnv, env.url({ default: d.defaultUrl, protocols: ['http', 'https'] })]),
      ),
      environment,
    ),
  );
  if (problems.length || !settings || !urls) throw new ConfigError(problems);
  const ticket = definitions.find((d) => d.name === 'service-ticket');
  const ticketUrl = settings.TICKET_HTTP_URL ?? (ticket ? urls[ticket.urlEnv] : undefined) ?? 'http://127.0.0.1:4003';
  return {
    port: settings.GATEWAY_PORT,
    supergraphPath: resolveFromRepoRoot(settings.SUPERGRAPH_PATH),
    subgraphs: definitions.map((d) => ({ name: d.name, url: urls[d.urlEnv] })),
    limits: { maxDepth: settings.GATEWAY_MAX_DEPTH, maxCost: settings.GATEWAY_MAX_COST },
    bodyLimitBytes: settings.GATEWAY_MAX_BODY_BYTES,
    attachments: { upstream: new URL(ticketUrl).origin, maxUploadBytes: settings.GATEWAY_MAX_UPLOAD_BYTES },
    readinessTimeoutMs: settings.GATEWAY_READINESS_TIMEOUT_MS,
    drainTimeoutMs: settings.GATEWAY_DRAIN_TIMEOUT_MS,
    introspection: settings.GATEWAY_INTROSPECTION,
    auth: {
      issuer: settings.KEYCLOAK_ISSUER,
      audience: settings.JWT_AUDIENCE,
      ...(settings.KEYCLOAK_JWKS_URI ? { jwksUri: settings.KEYCLOAK_JWKS_URI } : {}),
      allowDevelopmentClients: settings.AUTH_ALLOW_DEVELOPMENT_CLIENTS,
    },
  };
}
