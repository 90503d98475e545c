/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserStack } from './browser-stack';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** One signed-in browser session of a demo user on the portal, recording what a user would see go wrong. */
export class PortalPage {
  /** console.error output, uncaught page errors and failed requests, in order. */
  readonly errors: string[] = [];
  private shots = 0;

  private constructor(
    readonly env: BrowserStack,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly journey: string,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? '';
      // A navigation away aborts what was in flight: not something the user sees.
      if (!failure.includes('ERR_ABORTED')) this.errors.push(`request failed: ${request.url()} ${failure}`);
    });
  }

  /**
   * Opens the portal as `username` and signs in on Keycloak's real login page; resolves on the signed-in portal.
   * `locale` is the language the browser starts in (the portal remembers a choice made later).
   */
  static async signIn(
    env: BrowserStack,
    username: string,
    options: {
      journey: string;
      locale?: 'en' | 'zh-CN';
      viewport?: { width: number; height: number };
      path?: string;
      /** Install Playwright's clock (time runs on, and a test can jump it forward with `page.clock`). */
      controlledClock?: boolean;
    },
  ): Promise<PortalPage> {
    const context = await env.browser.newContext({
      viewport: options.viewport ?? DESKTOP,
      locale: options.locale === 'zh-CN' ? 'zh-CN' : 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
    if (options.controlledClock) await context.clock.install();
    const page = await context.newPage();
    const portal = new PortalPage(env, context, page, options.journey);
    await page.goto(`${env.portalUrl}${options.path ?? '/'}`);
    await page
      .locator('#username')
      .waitFor({ timeout: 30_000 })
      .catch(async (error: Error) => {
        const body = (
          await page
            .locator('body')
            .innerText()
            .catch(() => '')
        ).slice(0, 500);
        throw new Error(
          `no Keycloak login form at ${page.url()}: ${error.message}\n${body}\n${portal.errors.join('\n')}`,
        );
      });
    await page.fill('#username', username);
    await page.fill('#password', `dev-${username}`);
    await page.click('#kc-login');
    await page.waitForURL((url) => url.origin === env.portalUrl && !url.pathname.startsWith('/auth/'), {
      timeout: 30_000,
    });
    await page.locator('#main').waitFor();
    return portal;
  }

  /**
   * Loads a portal path as a typed URL or a reload does: tokens live in memory only, so the page passes through
   * Keycloak (its session cookie signs the user in again without a form) before the portal shows the path.
   */
  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.env.portalUrl}${path}`);
    await this.page.waitForURL((url) => url.origin === this.env.portalUrl && !url.pathname.startsWith('/auth/'));
    await this.page.locator('#main').waitFor();
    await this.settled();
  }

  /** Follows a menu entry (client-side navigation, as a user clicking it). */
  async openFromMenu(href: string): Promise<void> {
    await this.page.getByRole('navigation').first().locator(`a[href="${href}"]`).click();
    await this.page.waitForURL((url) => url.pathname === href);
    await this.settled();
  }

  /** Waits until no skeleton or spinner is left (the page's data has arrived or failed visibly). */
  async settled(timeout = 20_000): Promise<void> {
    await this.page.waitForLoadState('load');
    await this.page
      .locator('.ant-skeleton, .ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached', timeout })
      .catch(async () => {
        if (await this.page.locator('.ant-skeleton, .ant-spin-spinning').count())
          throw new Error(`still loading after ${timeout} ms at ${this.page.url()}`);
      });
  }

  /** Saves the page at desktop and at phone width (.tmp/browser-screenshots/<journey>/NN-<name>-<width>.png). */
  async screenshot(name: string): Promise<void> {
    const original = this.page.viewportSize() ?? DESKTOP;
    const index = String(++this.shots).padStart(2, '0');
    for (const viewport of [original, PHONE]) {
      await this.page.setViewportSize(viewport);
      await this.page.waitForTimeout(150); // layout after the breakpoint change
      await this.page.screenshot({
        path: join(this.env.screenshotDir, `${index}-${name}-${viewport.width}.png`),
        fullPage: true,
      });
    }
    await this.page.setViewportSize(original);
  }

  /** axe-core's WCAG 2 A/AA rules on the current page: the serious and critical violations. */
  async seriousAccessibilityViolations(): Promise<AxeViolation[]> {
    // A dialog still fading in has its text at part opacity: axe would measure the contrast of a moving frame.
    await this.page.waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000 },
    );
    await this.page.evaluate(axeSource);
    const violations = await this.page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
        }
      ).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target })),
      }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
