import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createPortalServer } from './portal-server';

describe('the portal production server', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-server-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = createPortalServer({
      publicDir: dir,
      hsts: true,
      config: { keycloakUrl: 'https://sso.example.com', realm: 'crm', clientId: 'crm-portal', companyCurrency: 'CNY' },
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
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
});
