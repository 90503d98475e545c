import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPortalServer } from './portal-server';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the portal production server in front of the gateway', () => {
  let dir: string;
  let gateway: Server;
  let portal: Server;
  let base: string;
  const seen: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-gateway-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    gateway = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      res.end('{"from":"gateway"}');
    });
    const gatewayUrl = await listen(gateway);
    portal = createPortalServer({
      publicDir: dir,
      hsts: false,
      gatewayUrl,
      config: { keycloakUrl: 'https://sso.example.com', realm: 'crm', clientId: 'crm-portal', companyCurrency: 'CNY' },
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => portal.once('listening', resolve));
    base = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => portal.close(resolve));
    await new Promise((resolve) => gateway.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/tickets', '/tickets/7d0c2a5e', '/tickets?status=NEW'])(
    'serves the portal page for %s (a reload of the ticket pages is not the gateway’s)',
    async (path) => {
      const response = await fetch(base + path);
      expect(await response.text()).toContain('<div id="root">');
    },
  );

  it.each([
    ['POST', '/graphql'],
    ['GET', '/surveys/abc.def'],
    ['GET', '/tickets/7d0c2a5e/attachments/91ab'],
    ['POST', '/tickets/7d0c2a5e/attachments'],
  ])('forwards %s %s to the gateway with its whole path', async (method, path) => {
    const response = await fetch(base + path, { method, body: method === 'POST' ? '{}' : undefined });
    expect(await response.json()).toEqual({ from: 'gateway' });
    expect(seen).toContain(`${method} ${path}`);
  });
});
