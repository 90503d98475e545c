// The portal in Chromium: time to interactive of the accounts list and of the kanban, for a rep with many records
// (10,000 accounts, a pipeline of 2,000 open deals) and, as the baseline in the same run, a rep of the same team with
// few (20 and 20). The stack is the browser journeys' (every service, the gateway, the portal's production server,
// a real Keycloak the portal signs in through); runs alternate big and small, page by page.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBrowserStack } from '../../tests/browser/browser-stack';
import { PortalPage } from '../../tests/browser/portal-page';
import type { CleanupStack } from './bench-cleanup';
import { repoRoot } from './bench-postgres';
import { benchStages, seedPortalBench, type SeededRep } from './portal-bench-data';
import { timePageLoad, type PageTarget, type PageTiming } from './portal-page-timing';
import {
  formatCount,
  formatMiB,
  formatMs,
  formatRatio,
  percentile,
  progress,
  ratio,
  renderTable,
  round,
} from './stats';

export interface PortalBenchOptions {
  serverUrl: string;
  runs: number;
  accounts: number;
  deals: number;
  cleanup: CleanupStack;
}

export interface Spread {
  p50: number;
  p90: number;
}

export interface PortalPageFigures {
  username: string;
  records: number;
  ttiMs: Spread;
  contentReadyMs: Spread;
  ttiFromTypedUrlMs: Spread;
  inputResponseMs: Spread;
  blockingMs: Spread;
  renderedItems: number;
  domNodes: number;
  jsHeapBytes: number;
  graphqlRequests: number;
  graphqlOperations: Record<string, number>;
  samples: PageTiming[];
}

export interface PortalPageComparison {
  page: 'accounts' | 'pipeline';
  big: PortalPageFigures;
  small: PortalPageFigures;
  /** Big ÷ small, medians. */
  ttiRatio: number;
  contentReadyRatio: number;
  inputResponseRatio: number;
  jsHeapRatio: number;
}

export interface PortalBenchResult {
  definition: string;
  runs: number;
  warmUp: number;
  accounts: PortalPageComparison;
  pipeline: PortalPageComparison;
  consoleErrors: string[];
}

export const ttiDefinition =
  'TTI: from the navigation start of the portal document that renders the page (after Keycloak signs the user in ' +
  'again through its session cookie) to the first frame showing the first page of rows/cards with no skeleton left, ' +
  'or, if later, the end of the last long task (>50 ms, PerformanceObserver "longtask") before 500 ms without one. ' +
  'Then an input must respond (accounts: a letter typed into the search box; kanban: Space on a card picks it up); ' +
  'its time is keydown to the next frame after its handlers. Each run is a fresh tab of a signed-in browser context ' +
  '(HTTP cache warm), 1280×800.';

const ROW = '#main .ant-table-tbody tr.ant-table-row';
const CARD = '#main [data-deal-id]';
const PAGE_SIZE = 20;

function accountsTarget(rep: SeededRep): PageTarget {
  return {
    path: '/accounts',
    itemSelector: ROW,
    expectedItems: Math.min(PAGE_SIZE, rep.accounts),
    input: {
      selector: '#main input[id$="-search"]',
      key: 'a',
      responded: `document.activeElement instanceof HTMLInputElement && document.activeElement.value === 'a'`,
    },
  };
}

function pipelineTarget(rep: SeededRep): PageTarget {
  return {
    path: `/pipeline?pipeline=${rep.pipelineId}`,
    itemSelector: CARD,
    expectedItems: rep.dealsPerStage.reduce((n, d) => n + Math.min(PAGE_SIZE, d), 0),
    input: {
      selector: `${CARD} [aria-roledescription="draggable"]`,
      key: 'Space',
      responded: `document.querySelector('#main [aria-pressed="true"]') !== null`,
      undo: 'Escape',
    },
  };
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50), 1), p90: round(percentile(sorted, 90), 1) };
}

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

function figures(rep: SeededRep, records: number, samples: PageTiming[]): PortalPageFigures {
  const pick = (f: (s: PageTiming) => number) => samples.map(f);
  return {
    username: rep.username,
    records,
    ttiMs: spread(pick((s) => s.ttiMs)),
    contentReadyMs: spread(pick((s) => s.contentReadyMs)),
    ttiFromTypedUrlMs: spread(pick((s) => s.ttiFromTypedUrlMs)),
    inputResponseMs: spread(pick((s) => s.inputResponseMs)),
    blockingMs: spread(pick((s) => s.blockingMs)),
    renderedItems: median(pick((s) => s.renderedItems)),
    domNodes: median(pick((s) => s.domNodes)),
    jsHeapBytes: median(pick((s) => s.jsHeapBytes)),
    graphqlRequests: median(pick((s) => s.graphqlRequests)),
    graphqlOperations: samples[samples.length - 1]?.graphqlOperations ?? {},
    samples,
  };
}

function compare(
  page: 'accounts' | 'pipeline',
  big: PortalPageFigures,
  small: PortalPageFigures,
): PortalPageComparison {
  return {
    page,
    big,
    small,
    ttiRatio: ratio(big.ttiMs.p50, small.ttiMs.p50),
    contentReadyRatio: ratio(big.contentReadyMs.p50, small.contentReadyMs.p50),
    inputResponseRatio: ratio(big.inputResponseMs.p50, small.inputResponseMs.p50),
    jsHeapRatio: ratio(big.jsHeapBytes, small.jsHeapBytes),
  };
}

interface KeycloakServer {
  issuer: string;
  startMs: number;
  stop(): Promise<void>;
}

/** Keycloak and the portal's production build, as the browser journeys' jest global setup prepares them. */
async function prepare(cleanup: CleanupStack): Promise<void> {
  const keycloakModule = pathToFileURL(join(repoRoot, 'libs/testing/keycloak/keycloak-server.mjs')).href;
  const buildModule = pathToFileURL(join(repoRoot, 'tests/browser/build-portal.js')).href;
  const { startKeycloak } = (await import(keycloakModule)) as { startKeycloak(): Promise<KeycloakServer> };
  const { default: buildPortal } = (await import(buildModule)) as { default: () => Promise<void> };
  progress('portal: starting Keycloak and building the portal');
  // One after the other: the build blocks this process (spawnSync) before Keycloak would even be spawned.
  await buildPortal();
  const keycloak = await startKeycloak();
  cleanup.add('Keycloak', () => keycloak.stop());
  process.env.CRM_TEST_KEYCLOAK_URL = keycloak.issuer;
  progress(`portal: Keycloak ready in ${keycloak.startMs} ms`);
}

export async function runPortalBench(options: PortalBenchOptions): Promise<PortalBenchResult> {
  const { cleanup } = options;
  process.env.CRM_TEST_DATABASE_URL = options.serverUrl;
  await prepare(cleanup);
  progress('portal: starting the stack, the portal server and Chromium');
  const env = await startBrowserStack('portalbench');
  cleanup.add('portal stack', () => env.stop());

  progress(
    `portal: seeding ${formatCount(options.accounts)} accounts and ${formatCount(options.deals)} open deals (rep.east1), 20 and 20 (rep.east2)`,
  );
  const [big, small] = await seedPortalBench(
    { customer: env.stack.databases.customer, sales: env.stack.databases['sales-pipeline'] },
    [
      { username: 'rep.east1', accounts: options.accounts, openDeals: options.deals },
      { username: 'rep.east2', accounts: 20, openDeals: 20 },
    ],
  );

  const sessions = new Map<SeededRep, PortalPage>();
  for (const rep of [big, small]) {
    const portal = await PortalPage.signIn(env, rep.username, { journey: 'portal-bench' });
    cleanup.add(`${rep.username}'s browser context`, () => portal.close());
    await portal.page.close();
    sessions.set(rep, portal);
  }

  type Key = 'accountsBig' | 'accountsSmall' | 'pipelineBig' | 'pipelineSmall';
  const plan: [Key, SeededRep, PageTarget][] = [
    ['accountsBig', big, accountsTarget(big)],
    ['accountsSmall', small, accountsTarget(small)],
    ['pipelineBig', big, pipelineTarget(big)],
    ['pipelineSmall', small, pipelineTarget(small)],
  ];
  const samples: Record<Key, PageTiming[]> = { accountsBig: [], accountsSmall: [], pipelineBig: [], pipelineSmall: [] };
  const consoleErrors: string[] = [];
  const warmUp = 1;
  for (let pass = 0; pass < warmUp + options.runs; pass++) {
    const recorded = pass >= warmUp;
    progress(`portal: ${recorded ? `run ${pass - warmUp + 1} of ${options.runs}` : 'warm-up'}`);
    // Rotate the order, so neither size always follows the other.
    for (let k = 0; k < plan.length; k++) {
      const [key, rep, target] = plan[(pass + k) % plan.length];
      const last = pass === warmUp + options.runs - 1;
      const timing = await timePageLoad(sessions.get(rep)!.context, env.portalUrl, target, {
        screenshotPath: last ? join(env.screenshotDir, `${key}-1280.png`) : undefined,
      });
      consoleErrors.push(...timing.consoleErrors.map((e) => `${key}: ${e}`));
      if (recorded) samples[key].push(timing);
    }
  }

  return {
    definition: ttiDefinition,
    runs: options.runs,
    warmUp,
    accounts: compare(
      'accounts',
      figures(big, big.accounts, samples.accountsBig),
      figures(small, small.accounts, samples.accountsSmall),
    ),
    pipeline: compare(
      'pipeline',
      figures(big, big.openDeals, samples.pipelineBig),
      figures(small, small.openDeals, samples.pipelineSmall),
    ),
    consoleErrors,
  };
}

function rows(c: PortalPageComparison, noun: string): string[][] {
  const line = (label: string, f: PortalPageFigures) => [
    `${label}: ${f.username}, ${formatCount(f.records)} ${noun}`,
    formatMs(f.ttiMs.p50),
    formatMs(f.ttiMs.p90),
    formatMs(f.contentReadyMs.p50),
    formatMs(f.blockingMs.p50),
    formatMs(f.inputResponseMs.p50),
    formatMs(f.ttiFromTypedUrlMs.p50),
    formatCount(f.renderedItems),
    formatCount(f.domNodes),
    formatMiB(f.jsHeapBytes),
    formatCount(f.graphqlRequests),
  ];
  return [
    line(c.page, c.big),
    line(`${c.page} (baseline)`, c.small),
    [
      '  ratio big ÷ baseline',
      formatRatio(c.ttiRatio),
      formatRatio(ratio(c.big.ttiMs.p90, c.small.ttiMs.p90)),
      formatRatio(c.contentReadyRatio),
      '',
      formatRatio(c.inputResponseRatio),
      formatRatio(ratio(c.big.ttiFromTypedUrlMs.p50, c.small.ttiFromTypedUrlMs.p50)),
      formatRatio(ratio(c.big.renderedItems, c.small.renderedItems)),
      formatRatio(ratio(c.big.domNodes, c.small.domNodes)),
      formatRatio(c.jsHeapRatio),
      formatRatio(ratio(c.big.graphqlRequests, c.small.graphqlRequests)),
    ],
  ];
}

export function formatPortalReport(r: PortalBenchResult): string {
  const operations = (c: PortalPageComparison) =>
    Object.entries(c.big.graphqlOperations)
      .map(([name, n]) => `${name}${n > 1 ? ` ×${n}` : ''}`)
      .join(', ');
  return [
    `6. Portal in Chromium: time to interactive of the accounts list and the kanban (${benchStages.length} open stages, 20 cards per column), ${r.runs} runs per page after ${r.warmUp} warm-up, big and baseline alternating`,
    '',
    renderTable(
      [
        'page',
        'TTI p50',
        'TTI p90',
        'ready p50',
        'blocking p50',
        'input p50',
        'from URL p50',
        'items',
        'DOM nodes',
        'JS heap',
        'GraphQL',
      ],
      [...rows(r.accounts, 'accounts'), ...rows(r.pipeline, 'open deals')],
    ),
    '',
    ...r.definition.match(/.{1,116}(\s|$)/g)!.map((l) => `   ${l.trim()}`),
    '   ready: the first page rendered; blocking: long-task time beyond 50 ms each until TTI; from URL: TTI counted from',
    "   the typed URL, Keycloak's redirect included; JS heap: live heap after a forced GC; GraphQL: requests until TTI.",
    `   accounts page requests: ${operations(r.accounts)}; kanban page requests: ${operations(r.pipeline)}`,
    `   console errors during the runs: ${r.consoleErrors.length ? r.consoleErrors.slice(0, 5).join(' | ') : 'none'}`,
  ].join('\n');
}
