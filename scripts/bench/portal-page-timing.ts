/// <reference lib="dom" />
// One timed load of a portal page in Chromium: from the navigation start of the portal document that renders it to
// time to interactive, then one keystroke's response, the rendered items, the JS heap and the GraphQL requests.
// (No imports used inside page functions: they run in the browser, where a bundled import name is undefined.)
import type { BrowserContext } from 'playwright-core';
import { blockingTime, timeToInteractive, type LongTask } from './time-to-interactive';

/** What the page must show before it counts as rendered, and the input that must then respond. */
export interface PageTarget {
  /** Portal path, e.g. /accounts or /pipeline?pipeline=<id>. */
  path: string;
  /** The rendered items (rows, cards). */
  itemSelector: string;
  /** How many items the first page shows. */
  expectedItems: number;
  /** Focus this, press `key`; `responded` (evaluated in the page) must then become true. */
  input: { selector: string; key: string; responded: string; undo?: string };
}

export interface PageTiming {
  /** Navigation start of the rendering document → first page of items rendered, no skeleton left. */
  contentReadyMs: number;
  /** Navigation start of the rendering document → content ready and then 500 ms without a long task. */
  ttiMs: number;
  /** From the typed URL (before Keycloak's single-sign-on redirect) to TTI. */
  ttiFromTypedUrlMs: number;
  /** Keydown → the next frame after its handlers ran, on the page at TTI. */
  inputResponseMs: number;
  /** Main-thread time beyond 50 ms per long task, navigation start → TTI. */
  blockingMs: number;
  longTasks: number;
  renderedItems: number;
  domNodes: number;
  /** Live JS heap after a forced garbage collection. */
  jsHeapBytes: number;
  /** Requests to /graphql until TTI, by operation name. */
  graphqlRequests: number;
  graphqlOperations: Record<string, number>;
  /** Per operation, request start → last byte of the answer (the slowest, if several), through the portal server. */
  graphqlMs: Record<string, number>;
  /** GraphQL errors and redacted fields in the answers until TTI (the page shows them as hidden or failed). */
  graphqlProblems: string[];
  consoleErrors: string[];
}

const QUIET_MS = 500;

interface BenchWindow {
  __bench: {
    longTasks: LongTask[];
    observer: PerformanceObserver;
    readyAt?: number;
    inputMs?: number;
  };
}

/**
 * Runs at every document start: records long tasks and the first frame at which the target is rendered. A string,
 * not a function: tsx's helpers for named functions (`__name`) do not exist in the page.
 */
function instrumentation(target: { path: string; itemSelector: string; expectedItems: number }): string {
  return `(() => {
    const target = ${JSON.stringify(target)};
    const state = { longTasks: [] };
    state.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ startMs: e.startTime, durationMs: e.duration });
    });
    window.__bench = state;
    state.observer.observe({ type: 'longtask', buffered: true });
    const check = () => {
      const main = document.getElementById('main');
      if (
        location.pathname + location.search === target.path &&
        main &&
        !main.querySelector('.ant-skeleton, .ant-spin-spinning') &&
        document.querySelectorAll(target.itemSelector).length >= target.expectedItems
      ) {
        state.readyAt = performance.now();
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();`;
}

function operationName(postData: string | null): string {
  try {
    return (JSON.parse(postData ?? '{}') as { operationName?: string }).operationName ?? '(unnamed)';
  } catch {
    return '(unnamed)'; // a GET or a non-JSON body
  }
}

/** Loads `target` in a new page of the signed-in `context` and measures it. */
export async function timePageLoad(
  context: BrowserContext,
  portalUrl: string,
  target: PageTarget,
  options: { screenshotPath?: string; timeoutMs?: number } = {},
): Promise<PageTiming> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  const operations: Record<string, number> = {};
  let counting = true;
  page.on('request', (request) => {
    if (!counting || new URL(request.url()).pathname !== '/graphql') return;
    const name = operationName(request.postData());
    operations[name] = (operations[name] ?? 0) + 1;
  });
  const graphqlProblems: string[] = [];
  const answers: Promise<void>[] = [];
  const graphqlMs: Record<string, number> = {};
  page.on('response', (response) => {
    if (!counting || new URL(response.url()).pathname !== '/graphql') return;
    const request = response.request();
    answers.push(
      (async () => {
        const body = (await response.json().catch(() => ({}))) as {
          errors?: { message: string }[];
          extensions?: { redactedFields?: { field: string }[] };
        };
        for (const e of body.errors ?? []) graphqlProblems.push(`error: ${e.message}`);
        const redacted = body.extensions?.redactedFields ?? [];
        if (redacted.length) graphqlProblems.push(`${redacted.length} redacted fields (${redacted[0].field}, ...)`);
        await response.finished();
        const name = operationName(request.postData());
        graphqlMs[name] = Math.max(graphqlMs[name] ?? 0, request.timing().responseEnd);
      })(),
    );
  });
  try {
    await page.addInitScript(
      instrumentation({ path: target.path, itemSelector: target.itemSelector, expectedItems: target.expectedItems }),
    );
    const typedAt = Date.now();
    await page.goto(`${portalUrl}${target.path}`, { waitUntil: 'commit', timeout: timeoutMs });
    await page.waitForURL((url) => url.origin === portalUrl && url.pathname + url.search === target.path, {
      timeout: timeoutMs,
    });
    await page
      .waitForFunction(() => (window as unknown as BenchWindow).__bench?.readyAt !== undefined, undefined, {
        timeout: timeoutMs,
      })
      .catch(async (error: Error) => {
        const seen = await page.evaluate(
          (selector) => ({
            url: location.href,
            items: document.querySelectorAll(selector).length,
            loading: document.querySelectorAll('#main .ant-skeleton, #main .ant-spin-spinning').length,
            text: document.getElementById('main')?.innerText.slice(0, 300) ?? '(no #main)',
          }),
          target.itemSelector,
        );
        throw new Error(
          `${target.path} never rendered ${target.expectedItems} items: ${error.message}\n${JSON.stringify(seen)}\n` +
            consoleErrors.join('\n'),
        );
      });
    const deadline = performance.now() + timeoutMs;
    let seen: { readyAt: number; now: number; timeOrigin: number; longTasks: LongTask[] };
    let tti: number | null = null;
    for (;;) {
      seen = await page.evaluate(() => {
        const bench = (window as unknown as BenchWindow).__bench;
        // Entries not yet delivered to the callback are taken now, so none is missed.
        for (const e of bench.observer.takeRecords())
          bench.longTasks.push({ startMs: e.startTime, durationMs: e.duration });
        return {
          readyAt: bench.readyAt ?? 0,
          now: performance.now(),
          timeOrigin: performance.timeOrigin,
          longTasks: bench.longTasks,
        };
      });
      tti = timeToInteractive(seen.readyAt, seen.longTasks, QUIET_MS, seen.now);
      if (tti !== null) break;
      if (performance.now() > deadline) throw new Error(`${target.path}: no ${QUIET_MS} ms without a long task`);
      await page.waitForTimeout(50);
    }
    counting = false;
    await Promise.all(answers);

    await page.locator(target.input.selector).first().focus();
    await page.evaluate(() => {
      const bench = (window as unknown as BenchWindow).__bench;
      document.addEventListener(
        'keydown',
        (e) => {
          const pressed = e.timeStamp;
          requestAnimationFrame(() => setTimeout(() => (bench.inputMs = performance.now() - pressed)));
        },
        { capture: true, once: true },
      );
    });
    await page.keyboard.press(target.input.key);
    await page.waitForFunction(target.input.responded, undefined, { timeout: 10_000 });
    const inputMs = await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.inputMs);
    const inputResponseMs = (await inputMs.jsonValue()) as number;
    if (target.input.undo) await page.keyboard.press(target.input.undo);

    const counts = await page.evaluate(
      (selector) => ({
        items: document.querySelectorAll(selector).length,
        nodes: document.getElementsByTagName('*').length,
      }),
      target.itemSelector,
    );
    if (options.screenshotPath) await page.screenshot({ path: options.screenshotPath });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();

    return {
      contentReadyMs: seen.readyAt,
      ttiMs: tti,
      ttiFromTypedUrlMs: seen.timeOrigin + tti - typedAt,
      inputResponseMs,
      blockingMs: blockingTime(seen.longTasks, 0, tti),
      longTasks: seen.longTasks.filter((t) => t.startMs < tti).length,
      renderedItems: counts.items,
      domNodes: counts.nodes,
      jsHeapBytes: heap.usedSize,
      graphqlRequests: Object.values(operations).reduce((n, v) => n + v, 0),
      graphqlOperations: operations,
      graphqlMs,
      graphqlProblems,
      consoleErrors,
    };
  } finally {
    await page.close();
  }
}
