import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { createPortalServer } from './portal-server';
import { PORTAL_ROUTES, routeTargets } from './portal-routes';

/** A stand-in upstream that answers who it is, the path it got and the bytes of the body it received. */
async function echoUpstream(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ upstream: name, path: req.url, bytes }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function listen(app: ReturnType<typeof createPortalServer>): Promise<Server> {
  return new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

describe('the portal production server', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    // A dot folder on the way, as where tests and some images keep the build.
    dir = mkdtempSync(join(tmpdir(), '.portal-server-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = createPortalServer({
      publicDir: dir,
      hsts: true,
      config: { keycloakUrl: 'https://sso.example.com', realm: 'crm', clientId: 'crm-portal', companyCurrency: 'CNY' },
    });
    server = await listen(app);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards the API paths to the gateway with their full path, method, headers and body', async () => {
    const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.setHeader('content-type', 'application/json');
        res.end('{"data":{"ok":true}}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const app = createPortalServer({
      publicDir: dir,
      hsts: false,
      gatewayUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
      config: { keycloakUrl: 'https://sso.example.com', realm: 'crm', clientId: 'crm-portal', companyCurrency: 'CNY' },
    });
    const proxied = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`;
    try {
      const answer = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
        body: '{"query":"{ me { id } }"}',
      });
      expect(await answer.json()).toEqual({ data: { ok: true } });
      await fetch(`${url}/tickets/7/attachments/9`);
      // App routes that merely start like an API path stay the portal's (the tickets page, a ticket's page).
      for (const page of ['/graphqlish', '/tickets', '/tickets/7', '/surveys']) {
        expect(await (await fetch(`${url}${page}`)).text()).toContain('<div id="root">');
      }
      expect(seen).toEqual([
        { method: 'POST', url: '/graphql', auth: 'Bearer abc', body: '{"query":"{ me { id } }"}' },
        { method: 'GET', url: '/tickets/7/attachments/9', auth: undefined, body: '' },
      ]);
    } finally {
      await new Promise((resolve) => proxied.close(resolve));
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  it('sends a CSP without inline scripts, that no site may frame, with HSTS and a strict referrer policy', async () => {
    const response = await fetch(`${base}/accounts/123`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' https://sso.example.com");
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers every app route with index.html (deep links and reloads work), never cached', async () => {
    const response = await fetch(`${base}/opportunities/4f7c/quotes`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('caches hashed assets for a year and answers 404 for a missing one (not index.html)', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('serves the runtime config the browser signs in with', async () => {
    const response = await fetch(`${base}/config.json`);
    expect(await response.json()).toEqual({
      keycloakUrl: 'https://sso.example.com',
      realm: 'crm',
      clientId: 'crm-portal',
      companyCurrency: 'CNY',
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  describe('with upstreams', () => {
    const upstreams: Server[] = [];
    let proxied: Server;
    let proxiedBase: string;

    beforeAll(async () => {
      const gateway = await echoUpstream('gateway');
      const customer = await echoUpstream('customer');
      const sales = await echoUpstream('sales-pipeline');
      upstreams.push(gateway.server, customer.server, sales.server);
      proxied = await listen(
        createPortalServer({
          publicDir: dir,
          hsts: false,
          gatewayUrl: gateway.url,
          customerUrl: customer.url,
          salesPipelineUrl: sales.url,
          config: {
            keycloakUrl: 'https://sso.example.com',
            realm: 'crm',
            clientId: 'crm-portal',
            companyCurrency: 'CNY',
          },
        }),
      );
      proxiedBase = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      for (const s of [proxied, ...upstreams]) await new Promise((resolve) => s.close(resolve));
    });

    it('forwards CSV imports (with the whole body and the query) and exports to the customer service', async () => {
      const csv = `name,phone\n${'深圳某某科技有限公司,13800000000\n'.repeat(20_000)}`;
      const response = await fetch(`${proxiedBase}/imports/accounts?dryRun=true&policy=skip`, {
        method: 'POST',
        body: csv,
      });
      expect(await response.json()).toEqual({
        upstream: 'customer',
        path: '/imports/accounts?dryRun=true&policy=skip',
        bytes: Buffer.byteLength(csv),
      });
      expect(await (await fetch(`${proxiedBase}/exports/accounts.csv?grade=A`)).json()).toMatchObject({
        upstream: 'customer',
        path: '/exports/accounts.csv?grade=A',
      });
      // Leads are the sales-pipeline service's: their import goes there, not to the customer service.
      const leads = await fetch(`${proxiedBase}/imports/leads?dryRun=true`, { method: 'POST', body: 'name\n' });
      expect(await leads.json()).toMatchObject({ upstream: 'sales-pipeline', path: '/imports/leads?dryRun=true' });
    });

    it('keeps the import page and look-alike paths for the app, and sends GraphQL to the gateway', async () => {
      const graphql = await fetch(`${proxiedBase}/graphql`, { method: 'POST', body: '{}' });
      expect(await graphql.json()).toMatchObject({ upstream: 'gateway', path: '/graphql' });
      for (const page of ['/import', '/imports', '/imports/accountsx', '/exports/accounts']) {
        expect(await (await fetch(`${proxiedBase}${page}`)).text()).toContain('<div id="root">');
      }
      expect(PORTAL_ROUTES.every((r) => r.pattern.startsWith('^'))).toBe(true);
    });

    it('matches the CSV routes with their query too, as the development proxy sees them', () => {
      const [customer] = routeTargets({ customer: 'http://customer' });
      expect(customer.matches('/imports/accounts?dryRun=true&policy=skip&encoding=gbk')).toBe(true);
      expect(customer.matches('/exports/accounts.csv?grade=A')).toBe(true);
      expect(customer.matches('/imports/accountsx?dryRun=true')).toBe(false);
    });
  });
});
