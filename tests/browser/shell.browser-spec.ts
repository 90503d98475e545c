/// <reference lib="dom" />
import { join } from 'node:path';
import { describeWithKeycloak, keycloakIssuer, repoRoot } from '@crm/testing';
import { readLogLines } from '../e2e/process-logs';
import { startBrowserStack, type BrowserStack } from './browser-stack';
import { PHONE, PortalPage } from './portal-page';

jest.setTimeout(180_000);

describeWithKeycloak('portal shell in Chromium (real gateway, services and Keycloak)', () => {
  let env: BrowserStack;
  const open: PortalPage[] = [];
  // The gateway's log lines, to find a request by the trace id the browser sent (telemetry on, as deployed).
  const logDir = join(repoRoot, '.tmp', 'browser-logs', `shell-${process.pid}-${Date.now()}`);

  beforeAll(async () => {
    env = await startBrowserStack('shell', { telemetry: true, logDir, logLevel: 'info' });
  }, 240_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await env?.stop();
  });

  async function signIn(...args: Parameters<typeof PortalPage.signIn> extends [unknown, ...infer R] ? R : never) {
    const portal = await PortalPage.signIn(env, ...args);
    open.push(portal);
    return portal;
  }

  it("a rep signs in on Keycloak's login page, lands on My day under their name and sees a rep's menu", async () => {
    const rep = await signIn('rep.east1', { journey: 'sign-in' });
    await rep.settled();
    await expect(rep.page.getByTestId('signed-in-user').textContent()).resolves.toBe('Emma Eastwood');
    const menu = rep.page.getByRole('navigation').first();
    await expect(menu.getByRole('link', { name: 'My day' }).count()).resolves.toBe(1);
    // Admin and audit are not a rep's pages: not in the menu.
    await expect(menu.getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
    await expect(menu.getByRole('link', { name: 'Audit' }).count()).resolves.toBe(0);
    await rep.screenshot('my-day');
    expect(rep.errors).toEqual([]);
  });

  it('a deep link survives the sign-in: the user arrives where the link pointed', async () => {
    const manager = await signIn('manager.east', { journey: 'deep-link', path: '/no-such-page?x=1' });
    await manager.settled();
    expect(new URL(manager.page.url()).pathname + new URL(manager.page.url()).search).toBe('/no-such-page?x=1');
    await expect(manager.page.getByText('Not found').count()).resolves.toBe(1);
    expect(manager.errors).toEqual([]);
  });

  it('switching to Chinese changes the whole page at once and is remembered after a reload', async () => {
    const manager = await signIn('manager.east', { journey: 'language' });
    await manager.settled();
    await manager.page.getByRole('combobox', { name: 'Language' }).click();
    await manager.page.getByTitle('简体中文').click();
    await manager.page.getByRole('heading', { name: /您好/ }).waitFor();
    await expect(manager.page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await manager.page.reload();
    await manager.settled();
    await manager.page.getByRole('heading', { name: /您好/ }).waitFor();
    await expect(manager.page.getByRole('button', { name: '退出登录' }).count()).resolves.toBe(1);
    await manager.screenshot('chinese');
    expect(manager.errors).toEqual([]);
  });

  it('on a 375 px phone the menu opens in a drawer and still navigates', async () => {
    const agent = await signIn('agent1', { journey: 'phone', viewport: PHONE });
    await agent.settled();
    await agent.page.getByRole('button', { name: 'Menu' }).click();
    const drawer = agent.page.getByRole('dialog');
    await drawer.getByRole('link', { name: 'My day' }).click();
    await agent.settled();
    const width = await agent.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(agent.errors).toEqual([]);
  });

  it('when Keycloak ends the session elsewhere, the next refresh shows the session-ended page, and signing in again works', async () => {
    const agent = await signIn('agent2', { journey: 'session-ended', controlledClock: true });
    await agent.settled();
    // The same browser signs out of Keycloak in another tab (as an administrator's logout or an expired SSO session).
    const other = await agent.context.newPage();
    await other.goto(`${keycloakIssuer()}/protocol/openid-connect/logout?client_id=crm-portal`);
    await other.locator('#kc-logout').click();
    await other.waitForLoadState('load');
    await other.close();
    // Five minutes later the access token is due for refresh; Keycloak refuses it: the portal says so plainly.
    await agent.page.clock.fastForward('06:00');
    await agent.page.getByRole('heading', { name: 'Your session has ended' }).waitFor({ timeout: 30_000 });
    expect(new URL(agent.page.url()).pathname).toBe('/session-ended');
    await agent.screenshot('session-ended');
    await agent.page.getByRole('button', { name: 'Sign in again' }).click();
    await agent.page.locator('#username').waitFor({ timeout: 30_000 });
    // The refused refresh is Keycloak's 400 on the token endpoint, which Chromium logs; nothing else may go wrong.
    expect(agent.errors.filter((e) => !e.includes('/protocol/openid-connect/token'))).toEqual([]);
  });

  it('each request starts its own trace in the browser; a failure shows the reference the gateway logged it under', async () => {
    const rep = await signIn('rep.east1', { journey: 'trace-reference' });
    await rep.settled();
    const traceparents: string[] = [];
    rep.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') traceparents.push(request.headers()['traceparent'] ?? '');
    });
    // Forced failure: My day's follow-up query reaches the gateway with an owner id that is no id at all.
    await rep.page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string; variables?: Record<string, unknown> };
      if (body.operationName !== 'MyDayFollowUps') return route.continue();
      return route.continue({ postData: JSON.stringify({ ...body, variables: { ownerIds: ['not-an-id'] } }) });
    });
    await rep.goto('/');
    const reference = rep.page.getByTestId('request-reference');
    await reference.waitFor();
    const quoted = /^Reference: ([0-9a-f]{32})$/.exec((await reference.textContent()) ?? '')?.[1];
    await rep.screenshot('failure-reference');

    // My day asks a rep's follow-ups and deals: two requests, two traces.
    expect(traceparents.length).toBeGreaterThanOrEqual(2);
    for (const value of traceparents) expect(value).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const traceIds = traceparents.map((value) => value.split('-')[1]);
    expect(new Set(traceIds).size).toBe(traceIds.length);
    expect(traceIds).toContain(quoted);
    // An SRE searching the gateway's log for the quoted reference finds that request's line.
    let logged: Record<string, unknown>[] = [];
    for (let tries = 0; tries < 50 && logged.length === 0; tries++) {
      logged = readLogLines(join(logDir, 'gateway.log')).filter((l) => l.msg === 'request' && l.traceId === quoted);
      if (logged.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ protocol: 'graphql', route: 'query MyDayFollowUps', traceId: quoted });
    expect(rep.errors).toEqual([]);
  });

  it('signing out ends the Keycloak session: the next visit asks for the password again', async () => {
    const rep = await signIn('rep.east2', { journey: 'sign-out' });
    await rep.settled();
    await rep.page.getByRole('button', { name: 'Sign out' }).click();
    // Keycloak ends the session and sends the browser back to the portal, which finds no session and asks again.
    await rep.page.locator('#username').waitFor({ timeout: 30_000 });
    await rep.page.goto(env.portalUrl);
    await rep.page.locator('#username').waitFor({ timeout: 30_000 });
    expect(rep.errors).toEqual([]);
  });
});
