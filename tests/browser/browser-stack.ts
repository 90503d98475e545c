import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { keycloakIssuer, repoRoot, type Stack } from '@crm/testing';
import { chromium, type Browser } from 'playwright-core';
import { startE2eStack } from '../e2e/e2e-stack';
import { graphqlClient, type GraphQLClient } from '../e2e/gateway-client';
import { takePortalPort } from './portal-port';

/** The whole platform, the portal's production server in front of it, and Chromium: what a journey drives. */
export interface BrowserStack {
  stack: Stack;
  /** The portal's origin, e.g. http://127.0.0.1:5174. */
  portalUrl: string;
  browser: Browser;
  /** GraphQL as a demo user, for fixtures and for checking what a journey changed. */
  api: GraphQLClient;
  /** Where the journey's screenshots go (.tmp/browser-screenshots/<label>). */
  screenshotDir: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`portal server exited (${server.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`portal server not healthy within 30 s:\n${output()}`);
}

/**
 * Starts everything a journey needs; `label` names the databases and the screenshots' folder. `stackOptions` reach
 * the platform's processes (e.g. telemetry and a log directory, for a journey that reads the gateway's log lines).
 */
export async function startBrowserStack(
  label: string,
  stackOptions: Parameters<typeof startE2eStack>[1] = {},
): Promise<BrowserStack> {
  const publicDir = process.env.CRM_BROWSER_PORTAL_DIR ?? join(repoRoot, '.tmp', 'browser-portal');
  const stack = await startE2eStack(label, stackOptions);
  const { port, release } = await takePortalPort();
  const portalUrl = `http://127.0.0.1:${port}`;
  let output = '';
  // The production server, as deployed, forwarding the API paths to this stack's gateway.
  const server = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'portal/server/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      PORTAL_PUBLIC_DIR: publicDir,
      PORTAL_GATEWAY_URL: stack.urls.gateway.replace(/\/graphql$/, ''),
      // The CSV import and export routes are the services' own (portal/server/portal-routes.ts).
      PORTAL_CUSTOMER_URL: stack.urls.customerGraphql.replace(/\/graphql$/, ''),
      PORTAL_SALES_PIPELINE_URL: stack.urls['sales-pipelineGraphql'].replace(/\/graphql$/, ''),
      PORTAL_SERVICE_TICKET_URL: stack.urls['service-ticketGraphql'].replace(/\/graphql$/, ''),
      PORTAL_KEYCLOAK_URL: keycloakIssuer().replace(/\/realms\/[^/]+$/, ''),
      PORTAL_HSTS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let browser: Browser | undefined;
  try {
    await waitForHealth(`${portalUrl}/healthz`, server, () => output);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-dev-shm-usage'] });
  } catch (error) {
    server.kill('SIGTERM');
    release();
    await stack.stop();
    throw error;
  }
  const screenshotDir = join(repoRoot, '.tmp', 'browser-screenshots', label);
  mkdirSync(screenshotDir, { recursive: true });
  const openBrowser = browser;
  return {
    stack,
    portalUrl,
    browser: openBrowser,
    api: graphqlClient(() => stack.urls.gateway),
    screenshotDir,
    async stop() {
      await openBrowser.close().catch(() => undefined);
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
      release();
      await stack.stop();
    },
  };
}
