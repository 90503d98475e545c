import { ConfigError } from '@crm/platform/config';
import { loadGatewayConfig } from './config';
import { resolveFromRepoRoot } from './repo-root';

const definitions = [
  {
    name: 'customer',
    sdlPath: 'x.graphql',
    urlEnv: 'CUSTOMER_SUBGRAPH_URL',
    defaultUrl: 'http://127.0.0.1:4001/graphql',
  },
];

describe('gateway configuration', () => {
  it('has working defaults for local development', () => {
    expect(loadGatewayConfig({}, definitions)).toEqual(
      expect.objectContaining({
        port: 4000,
        supergraphPath: resolveFromRepoRoot('gateway/supergraph.graphql'),
        subgraphs: [{ name: 'customer', url: 'http://127.0.0.1:4001/graphql' }],
        limits: { maxDepth: 12, maxCost: 5000 },
      }),
    );
  });

  it("reads each subgraph's URL from its own variable, and the limits", () => {
    const config = loadGatewayConfig(
      { CUSTOMER_SUBGRAPH_URL: 'http://customer:4001/graphql', GATEWAY_MAX_DEPTH: '8', GATEWAY_MAX_COST: '900' },
      definitions,
    );

    expect(config.subgraphs).toEqual([{ name: 'customer', url: 'http://customer:4001/graphql' }]);
    expect(config.limits).toEqual({ maxDepth: 8, maxCost: 900 });
  });

  it('proxies ticket attachments to the ticket subgraph’s origin unless TICKET_HTTP_URL names another, up to 10 MiB', () => {
    const ticket = { ...definitions[0]!, name: 'service-ticket', urlEnv: 'TICKET_SUBGRAPH_URL' };
    expect(loadGatewayConfig({ TICKET_SUBGRAPH_URL: 'http://ticket:4003/graphql' }, [ticket]).attachments).toEqual({
      upstream: 'http://ticket:4003',
      maxUploadBytes: 10 * 1024 * 1024,
    });
    const config = loadGatewayConfig(
      { TICKET_HTTP_URL: 'https://files.internal:8443/x', GATEWAY_MAX_UPLOAD_BYTES: '2048' },
      [ticket],
    );
    expect(config.attachments).toEqual({ upstream: 'https://files.internal:8443', maxUploadBytes: 2048 });
  });

  it('accepts the test-only token clients only when AUTH_ALLOW_DEVELOPMENT_CLIENTS says so, whatever NODE_ENV is', () => {
    expect(loadGatewayConfig({}, definitions).auth.allowDevelopmentClients).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: 'development' }, definitions).auth.allowDevelopmentClients).toBe(false);
    expect(
      loadGatewayConfig({ AUTH_ALLOW_DEVELOPMENT_CLIENTS: 'true' }, definitions).auth.allowDevelopmentClients,
    ).toBe(true);
  });

  it('names every wrong variable at once', () => {
    let error: unknown;
    try {
      loadGatewayConfig(
        { GATEWAY_PORT: 'http', CUSTOMER_SUBGRAPH_URL: 'not a url', GATEWAY_MAX_COST: '-1' },
        definitions,
      );
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
      'CUSTOMER_SUBGRAPH_URL',
      'GATEWAY_MAX_COST',
      'GATEWAY_PORT',
    ]);
  });
});
