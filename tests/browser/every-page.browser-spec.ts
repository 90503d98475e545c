import { describeWithKeycloak } from '@crm/testing';
import { startBrowserStack, type BrowserStack } from './browser-stack';
import { PortalPage } from './portal-page';

jest.setTimeout(300_000);

/** A key that i18next would print as is when it has no text for it (e.g. "nav.accounts", "tickets.slaBreached"). */
const RAW_KEY = /\b(app|nav|roles|session|common|errors|myDay|[a-z]+[A-Z][a-zA-Z]*)\.[a-z][a-zA-Z]+\b/;

/**
 * Every main page the menu offers, as the roles that use them, in English and in Chinese: it renders without a
 * console error, without an untranslated key, with no serious or critical axe-core violation; screenshots of each.
 */
describeWithKeycloak('every main page of the portal', () => {
  let env: BrowserStack;

  beforeAll(async () => {
    env = await startBrowserStack('every-page');
  }, 240_000);

  afterAll(async () => {
    await env?.stop();
  });

  const callers = ['admin1', 'rep.east1', 'manager.east', 'agent1', 'auditor1', 'finance1'];

  for (const locale of ['en', 'zh-CN'] as const) {
    it.each(callers)(`renders every page in ${locale} for %s`, async (username) => {
      const portal = await PortalPage.signIn(env, username, { journey: `pages-${locale}-${username}`, locale });
      try {
        await portal.settled();
        const menu = portal.page.getByRole('navigation').first();
        const paths = await menu.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
        expect(paths.length).toBeGreaterThan(0);
        for (const path of paths as string[]) {
          await portal.openFromMenu(path);
          const text = (await portal.page.locator('#main').innerText()).trim();
          expect({ path, rawKey: RAW_KEY.exec(text)?.[0] ?? null }).toEqual({ path, rawKey: null });
          if (locale === 'zh-CN')
            expect({ path, chinese: /[\u4e00-\u9fff]/.test(text) }).toEqual({ path, chinese: true });
          expect({ path, violations: await portal.seriousAccessibilityViolations() }).toEqual({ path, violations: [] });
          await portal.screenshot(path === '/' ? 'my-day' : path.slice(1).replaceAll('/', '-'));
        }
        expect(portal.errors).toEqual([]);
      } finally {
        await portal.close();
      }
    });
  }
});
