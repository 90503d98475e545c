import { credentials } from '@grpc/grpc-js';
import { healthV1 } from '@crm/contracts';
import {
  createTestDatabase,
  describeWithKeycloak,
  freePort,
  keycloakIssuer,
  stackServices,
  startNats,
  type NatsServer,
  type TestDatabase,
} from '@crm/testing';
import { join } from 'node:path';
import {
  buildDist,
  distDir,
  readManifest,
  runDist,
  startDist,
  stopDist,
  waitForOk,
  type DistProcess,
} from './dist-process';

/** Settings a service refuses to start without outside development (the chart gives them: charts/crm/values.yaml). */
const requiredInProduction: Record<string, Record<string, string>> = {
  'service-ticket': {
    SURVEY_LINK_SECRET: 'dist-start-test-survey-link-secret-0123456789',
    SURVEY_PUBLIC_BASE_URL: 'https://support.example.test',
  },
};

function grpcHealth(address: string): Promise<healthV1.HealthCheckResponse_ServingStatus> {
  const client = new healthV1.HealthClient(address, credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.check({ service: '' }, (error, response) => {
      client.close();
      if (error) reject(error);
      else resolve(response.status);
    });
  });
}

describeWithKeycloak('every deployable started from dist/ with plain node, allowed to write only to its TMPDIR', () => {
  let nats: NatsServer;
  const databases: TestDatabase[] = [];
  const running: DistProcess[] = [];
  const ports: Record<string, { http: number; grpc: number }> = {};

  beforeAll(async () => {
    buildDist();
    nats = await startNats();
    for (const service of stackServices) ports[service.name] = { http: await freePort(), grpc: await freePort() };
  }, 120_000);

  afterAll(async () => {
    for (const proc of running) if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await nats?.stop();
    for (const db of databases) await db.drop();
  });

  it.each(stackServices.map((s) => [s.name, s] as const))(
    '%s migrates with dist/migrate.js, then is ready on /readyz and SERVING on gRPC health',
    async (name, service) => {
      const db = await createTestDatabase(`dist_${name}`);
      databases.push(db);
      const [code, output] = await runDist(name, readManifest(name).migrate ?? 'missing', {
        [service.env.database]: db.url,
      });
      expect({ code, output }).toEqual({
        code: 0,
        output: expect.stringMatching(new RegExp(`^${name}: applied \\w+\\d{13}`)),
      });

      const proc = startDist(name, readManifest(name).main, {
        [service.env.database]: db.url,
        NATS_URL: nats.url,
        KEYCLOAK_ISSUER: keycloakIssuer(),
        [service.env.httpPort]: String(ports[name].http),
        [service.env.grpcPort]: String(ports[name].grpc),
        ...requiredInProduction[name],
        ...Object.fromEntries(
          Object.entries(service.grpcAddressOf ?? {}).map(([variable, other]) => [
            variable,
            `127.0.0.1:${ports[other].grpc}`,
          ]),
        ),
      });
      running.push(proc);
      await waitForOk(`http://127.0.0.1:${ports[name].http}/readyz`, proc);
      expect(await grpcHealth(`127.0.0.1:${ports[name].grpc}`)).toBe(
        healthV1.HealthCheckResponse_ServingStatus.SERVING,
      );
    },
    90_000,
  );

  it.each(stackServices.map((s) => [s.name, s] as const))(
    "%s ships its operations command: dist/ops.js lists a durable consumer's dead letters with plain node",
    async (name, service) => {
      const [code, output] = await runDist(
        name,
        readManifest(name).ops ?? 'missing',
        { NATS_URL: nats.url, [service.env.database]: 'postgres://unused@127.0.0.1:1/unused' },
        ['dlq', 'list', `${name}-probe`],
      );
      expect({ code, output }).toEqual({ code: 0, output: `0 message(s) parked by ${name}-probe\n` });
    },
    30_000,
  );

  it('the gateway starts from dist/ with the supergraph copied next to it and is ready against the subgraphs', async () => {
    const port = await freePort();
    const proc = startDist('gateway', readManifest('gateway').main, {
      GATEWAY_PORT: String(port),
      SUPERGRAPH_PATH: join(distDir('gateway'), 'supergraph.graphql'),
      KEYCLOAK_ISSUER: keycloakIssuer(),
      ...Object.fromEntries(
        stackServices
          .filter((s) => s.subgraphUrlEnv)
          .map((s) => [s.subgraphUrlEnv, `http://127.0.0.1:${ports[s.name].http}/graphql`]),
      ),
    });
    running.push(proc);
    await waitForOk(`http://127.0.0.1:${port}/readyz`, proc);
  }, 60_000);

  it('the portal starts from dist/ and serves its build with the security headers: app routes, config, assets', async () => {
    const port = await freePort();
    const config = {
      keycloakUrl: 'https://sso.example.test',
      realm: 'crm',
      clientId: 'crm-portal',
      companyCurrency: 'EUR',
    };
    const proc = startDist('portal', readManifest('portal').main, {
      PORT: String(port),
      PORTAL_PUBLIC_DIR: join(distDir('portal'), 'public'),
      PORTAL_KEYCLOAK_URL: config.keycloakUrl,
      PORTAL_KEYCLOAK_REALM: config.realm,
      PORTAL_KEYCLOAK_CLIENT_ID: config.clientId,
      PORTAL_COMPANY_CURRENCY: config.companyCurrency,
    });
    running.push(proc);
    const origin = `http://127.0.0.1:${port}`;
    await waitForOk(`${origin}/healthz`, proc);

    // A deep link (reload on an app route) gets the app's index.html, with the strict headers.
    const page = await fetch(`${origin}/accounts/3f1c2a9e`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    const runtimeConfig = await fetch(`${origin}/config.json`);
    expect(await runtimeConfig.json()).toEqual(config);

    // The hashed entry script index.html loads, cached for good.
    const script = /<script[^>]+src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${origin}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${origin}/assets/index-missing.js`)).status).toBe(404);
  }, 60_000);

  it('every process drains and exits 0 on SIGTERM', async () => {
    const codes = await Promise.all(running.map((proc) => stopDist(proc)));
    expect(codes).toEqual(running.map(() => 0));
  }, 60_000);
});
