// Search latency over a million accounts: searchAccounts timed per kind of query the portal sends, against two
// baselines measured in the same run: a primary-key lookup of one account (the floor any search pays), and the
// same searches with index scans disabled on a few queries (what the indexes buy).
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { Client } from 'pg';
import { AccountEntity } from '../../services/customer/src/db/account.entity';
import { customerDataSource } from '../../services/customer/src/db/data-source';
import { searchAccounts, type AccountSearch } from '../../services/customer/src/application/account-search';
import type { Actor } from '@crm/platform/auth';
import { benchRep, cnTrades, enTrades, tags } from './bench-accounts';
import type { CleanupStack } from './bench-cleanup';
import { createMigratedDatabase } from './bench-postgres';
import { loadAccounts, type LoadResult } from './search-data';
import {
  formatCount,
  formatMiB,
  formatMs,
  formatRatio,
  progress,
  ratio,
  renderTable,
  summarize,
  type LatencySummary,
} from './stats';

export interface SearchBenchOptions {
  serverUrl: string;
  rows: number;
  queriesPerKind: number;
  /** Time limit of the timed queries of one kind: a slow kind gets fewer queries instead of stalling the run. */
  kindBudgetSeconds: number;
  /** False when only the gateway benchmark needs the loaded database. */
  measure: boolean;
  cleanup: CleanupStack;
}

export interface SearchKindResult {
  kind: string;
  example: string;
  /** The scans of the search's main query, from EXPLAIN. */
  plan: string;
  latency: LatencySummary;
  /** True when the time budget stopped the kind before all its queries ran. */
  budgetReached: boolean;
  meanItems: number;
  /** p50 of this kind ÷ p50 of the primary-key lookup. */
  vsPrimaryKey: number;
  seqScan: { queries: number; indexedP50Ms: number; seqScanP50Ms: number; speedup: number };
}

export interface SearchBenchResult {
  load: LoadResult;
  queriesPerKind: number;
  kindBudgetSeconds: number;
  floor: { kind: string; latency: LatencySummary };
  kinds: SearchKindResult[];
  /** Kinds whose searches failed, with the error. */
  failures: { kind: string; error: string }[];
}

interface Sample {
  id: string;
  name: string;
  phones: string[];
  emails: string[];
  tax_id: string | null;
}

/** Who searches: an administrator sees all the accounts; a sales rep their own, the pool and what is shared. */
const actors: Record<'admin' | 'rep', Actor> = {
  admin: { id: 'bench-admin', requestId: 'bench', roles: ['crm-admin'], teams: [] },
  rep: { id: benchRep.id, requestId: 'bench', roles: ['sales-rep'], teams: benchRep.teams },
};

/** One kind of query: how to make its i-th search from a sampled account, and whether it is a page 2. */
interface QueryKind {
  kind: string;
  /** The administrator unless said. */
  actor?: 'rep';
  pick: (s: Sample) => boolean;
  search: (s: Sample, i: number) => AccountSearch;
  secondPage?: boolean;
}

const isChinese = (s: Sample) => /[\u4e00-\u9fff]/.test(s.name);
const chineseTrades = cnTrades.filter((t) => t.length >= 3);
const grades = ['A', 'B', 'C'];

const kinds: QueryKind[] = [
  {
    kind: 'name prefix, Chinese (3-5 chars)',
    pick: isChinese,
    search: (s, i) => ({ query: s.name.slice(0, 3 + (i % 3)) }),
  },
  {
    kind: 'name prefix, English',
    pick: (s) => !isChinese(s),
    search: (s, i) => {
      const [city, core] = s.name.split(' ');
      return { query: `${city} ${core.slice(0, 3 + (i % 4))}` };
    },
  },
  {
    kind: 'name fragment, Chinese (3-4 chars)',
    pick: isChinese,
    search: (s, i) => ({ query: s.name.slice(2, 5 + (i % 2)) }),
  },
  {
    kind: 'name fragment, English',
    pick: (s) => !isChinese(s),
    search: (s, i) => {
      const rest = s.name.split(' ').slice(1).join(' ');
      return { query: i % 2 === 0 ? rest.split(' ')[0] : rest.slice(2, 11) };
    },
  },
  {
    kind: 'name fragment, broad (a trade word)',
    pick: () => true,
    search: (_s, i) => ({
      query: i % 2 === 0 ? chineseTrades[i % chineseTrades.length] : enTrades[i % enTrades.length],
    }),
  },
  {
    kind: 'phone (as typed)',
    pick: (s) => s.phones.length > 0,
    search: (s, i) => {
      const e164 = s.phones[0];
      if (!e164.startsWith('+86'))
        return { query: `${e164.slice(0, 2)} ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}` };
      const n = e164.slice(3);
      const typed = [
        n,
        `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
        `+86 ${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
      ];
      return { query: typed[i % typed.length] };
    },
  },
  {
    kind: 'email',
    pick: (s) => s.emails.length > 0,
    search: (s) => ({ query: s.emails[0].replace(/^\w/, (c) => c.toUpperCase()) }),
  },
  {
    kind: 'tax id',
    pick: (s) => s.tax_id !== null,
    search: (s) => ({ query: s.tax_id ?? '' }),
  },
  {
    kind: 'list: grade + tag, by name',
    pick: () => true,
    search: (_s, i) => ({
      filter: { grades: [grades[i % 3]], tags: [tags[i % tags.length]] },
      sort: { field: 'name', descending: false },
    }),
  },
  {
    kind: 'list: grade + tag, by name, page 2',
    pick: () => true,
    search: (_s, i) => ({
      filter: { grades: [grades[i % 3]], tags: [tags[i % tags.length]] },
      sort: { field: 'name', descending: false },
    }),
    secondPage: true,
  },
  {
    kind: 'name fragment, Chinese, as a sales rep',
    actor: 'rep',
    pick: isChinese,
    search: (s, i) => ({ query: s.name.slice(2, 5 + (i % 2)) }),
  },
  {
    kind: 'list: grade + tag, by name, as a sales rep',
    actor: 'rep',
    pick: () => true,
    search: (_s, i) => ({
      filter: { grades: [grades[i % 3]], tags: [tags[i % tags.length]] },
      sort: { field: 'name', descending: false },
    }),
  },
  {
    kind: 'name prefix, English, page 2',
    pick: (s) => !isChinese(s),
    search: (s) => ({ query: `${s.name.split(' ')[0]} ${s.name.split(' ')[1].slice(0, 3)}` }),
    secondPage: true,
  },
];

interface Search {
  search: AccountSearch;
  actor: Actor;
}

/** The searches of a kind, page 1 cursors already resolved for the page-2 kinds (untimed). */
async function buildSearches(manager: EntityManager, kind: QueryKind, samples: Sample[], n: number): Promise<Search[]> {
  const pool = samples.filter(kind.pick);
  if (!pool.length) throw new Error(`no sampled account fits "${kind.kind}"`);
  const actor = actors[kind.actor ?? 'admin'];
  const searches: Search[] = [];
  for (let i = 0; i < n; i++) {
    const search = { ...kind.search(pool[i % pool.length], i), first: 20 };
    if (kind.secondPage) {
      const first = await searchAccounts(manager, search, actor);
      if (!first.endCursor || !first.hasNextPage) continue;
      searches.push({ search: { ...search, after: first.endCursor }, actor });
    } else searches.push({ search, actor });
  }
  return searches;
}

/** Runs the searches in order until `budgetMs` is spent (but at least `minimum` of them). */
async function timeSearches(manager: EntityManager, searches: Search[], budgetMs: number, minimum: number) {
  const samples: number[] = [];
  let items = 0;
  const started = performance.now();
  for (const { search, actor } of searches) {
    if (samples.length >= minimum && performance.now() - started > budgetMs) break;
    const t = performance.now();
    const page = await searchAccounts(manager, search, actor);
    samples.push(performance.now() - t);
    items += page.items.length;
  }
  return { samples, meanItems: samples.length ? items / samples.length : 0 };
}

const describe = (s: AccountSearch) =>
  s.query !== undefined ? JSON.stringify(s.query) : `${JSON.stringify(s.filter)}${s.after ? ' after <cursor>' : ''}`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function planAccess(node: PlanNode, out: Set<string>): Set<string> {
  if (node['Index Name']) out.add(`${node['Node Type']} ${node['Index Name']}`);
  else if (node['Relation Name']) out.add(`${node['Node Type']} ${node['Relation Name']}`);
  for (const child of node.Plans ?? []) planAccess(child, out);
  return out;
}

/** How PostgreSQL reads the tables for this search: the search's own SQL, captured and run under EXPLAIN. */
async function accessPath(manager: EntityManager, { search, actor }: Search): Promise<string> {
  let captured: { sql: string; params: unknown[] } | null = null;
  const spy = new Proxy(manager, {
    get(target, property) {
      if (property === 'query') {
        return (sql: string, params: unknown[] = []) => {
          captured ??= { sql, params };
          return target.query(sql, params);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  await searchAccounts(spy, search, actor);
  if (!captured) return 'unknown';
  const { sql, params } = captured;
  const [row] = (await manager.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as {
    'QUERY PLAN': { Plan: PlanNode }[];
  }[];
  return [...planAccess(row['QUERY PLAN'][0].Plan, new Set())].join(', ');
}

/** The same searchAccounts calls on one connection with index and bitmap scans disabled (sequential scans only). */
async function seqScanTimes(dataSource: DataSource, searches: Search[]): Promise<number[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SET statement_timeout = '120s'`);
    await runner.query('SET enable_indexscan = off');
    await runner.query('SET enable_bitmapscan = off');
    await runner.query('SET enable_indexonlyscan = off');
    const { samples } = await timeSearches(runner.manager, searches, Infinity, searches.length);
    await runner.query('RESET ALL');
    return samples;
  } finally {
    await runner.release();
  }
}

/** Warm-up, timed queries within the budget, the sequential-scan rerun of three of them, and the plan of one. */
async function measureKind(
  dataSource: DataSource,
  kind: QueryKind,
  samples: Sample[],
  n: number,
  budgetSeconds: number,
): Promise<Omit<SearchKindResult, 'vsPrimaryKey'> | null> {
  const manager = dataSource.manager;
  const searches = await buildSearches(manager, kind, samples, n + 10);
  if (searches.length < 11) return null;
  await timeSearches(manager, searches.slice(0, 10), 5_000, 1); // warm-up
  const timed = await timeSearches(manager, searches.slice(10), budgetSeconds * 1000, 3);
  const latency = summarize(timed.samples);
  progress(
    `search: ${kind.kind}: ${timed.samples.length} queries, p50 ${formatMs(latency.p50Ms)}, p95 ${formatMs(latency.p95Ms)}`,
  );
  // The first three timed searches again, on sequential scans only; compared with their own indexed times.
  const seqSamples = await seqScanTimes(dataSource, searches.slice(10, 13));
  const indexedP50Ms = summarize(timed.samples.slice(0, 3)).p50Ms;
  const seqScanP50Ms = summarize(seqSamples).p50Ms;
  return {
    kind: kind.kind,
    example: describe(searches[10].search),
    plan: await accessPath(manager, searches[10]),
    latency,
    budgetReached: timed.samples.length < searches.length - 10,
    meanItems: Math.round(timed.meanItems * 10) / 10,
    seqScan: { queries: seqSamples.length, indexedP50Ms, seqScanP50Ms, speedup: ratio(seqScanP50Ms, indexedP50Ms) },
  };
}

export async function runSearchBench(
  options: SearchBenchOptions,
): Promise<{ result: SearchBenchResult; databaseUrl: string; accountIds: string[]; repAccountIds: string[] }> {
  const db = await createMigratedDatabase(options.serverUrl, 'bench_search');
  options.cleanup.add('search database', db.drop);

  progress(`search: loading ${formatCount(options.rows)} accounts`);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  let load: LoadResult;
  let samples: Sample[];
  let repAccountIds: string[];
  try {
    load = await loadAccounts(client, options.rows);
    const percent = Math.min(100, (4000 / options.rows) * 100);
    ({ rows: samples } = await client.query<Sample>(
      `SELECT id, name, phones, emails, tax_id FROM accounts TABLESAMPLE BERNOULLI (${percent}) REPEATABLE (7)
        WHERE deleted_at IS NULL ORDER BY md5(id::text) LIMIT 4000`,
    ));
    const owned = await client.query<{ id: string }>(
      `SELECT id FROM accounts WHERE owner_id = $1 AND deleted_at IS NULL ORDER BY md5(id::text) LIMIT 4000`,
      [benchRep.id],
    );
    repAccountIds = owned.rows.map((r) => r.id);
  } finally {
    await client.end();
  }
  const accountIds = samples.map((s) => s.id);
  const result: SearchBenchResult = {
    load,
    queriesPerKind: options.queriesPerKind,
    kindBudgetSeconds: options.kindBudgetSeconds,
    floor: { kind: 'primary-key lookup of one account', latency: summarize([]) },
    kinds: [],
    failures: [],
  };
  if (!options.measure) return { result, databaseUrl: db.url, accountIds, repAccountIds };

  const dataSource = customerDataSource(db.url, 2);
  await dataSource.initialize();
  const closeDataSource = options.cleanup.add('search data source', () => dataSource.destroy());
  try {
    const manager = dataSource.manager;
    const repo = manager.getRepository(AccountEntity);
    const n = options.queriesPerKind;
    const ids = Array.from({ length: n + 20 }, (_, i) => accountIds[(i * 7) % accountIds.length]);
    for (const id of ids.slice(0, 20)) await repo.findOneBy({ id });
    const floorSamples: number[] = [];
    for (const id of ids.slice(20)) {
      const started = performance.now();
      await repo.findOneBy({ id });
      floorSamples.push(performance.now() - started);
    }
    result.floor.latency = summarize(floorSamples);

    for (const kind of kinds) {
      try {
        const measured = await measureKind(dataSource, kind, samples, n, options.kindBudgetSeconds);
        if (!measured) {
          progress(`search: ${kind.kind}: skipped, too few searches have a second page at this table size`);
          continue;
        }
        result.kinds.push({ ...measured, vsPrimaryKey: ratio(measured.latency.p50Ms, result.floor.latency.p50Ms) });
      } catch (error) {
        // One broken kind (a failing query) is reported with the others, not the end of the benchmark.
        const text = error instanceof Error ? error.message : String(error);
        progress(`search: ${kind.kind}: FAILED: ${text}`);
        result.failures.push({ kind: kind.kind, error: text });
      }
    }
  } finally {
    await closeDataSource();
  }
  return { result, databaseUrl: db.url, accountIds, repAccountIds };
}

export function formatSearchReport(r: SearchBenchResult): string {
  const l = r.load;
  const f = r.floor.latency;
  const rows = r.kinds.map((k) => [
    k.kind,
    `${k.latency.count}${k.budgetReached ? '*' : ''}`,
    formatMs(k.latency.p50Ms),
    formatMs(k.latency.p95Ms),
    formatMs(k.latency.p99Ms),
    k.meanItems.toFixed(1),
    formatRatio(k.vsPrimaryKey),
    formatMs(k.seqScan.seqScanP50Ms),
    formatRatio(k.seqScan.speedup),
  ]);
  return [
    `2. Search latency: searchAccounts over ${formatCount(l.rows)} accounts, sequential; per kind up to ${r.queriesPerKind} timed queries after up to 10 warm-up`,
    `   (n* = the kind's ${r.kindBudgetSeconds} s budget ran out first: it is slow, see its plan below)`,
    `   load: insert ${l.insertSeconds} s, index rebuild ${l.indexSeconds} s, VACUUM ANALYZE ${l.analyzeSeconds} s; table ${formatMiB(l.tableBytes)}, indexes ${formatMiB(l.indexBytes)}`,
    `   key columns checked against the service's normalizers on ${l.keyCheck.sampled} rows: ${l.keyCheck.mismatches} mismatches${l.keyCheck.firstMismatch ? ` (first: ${l.keyCheck.firstMismatch})` : ''}`,
    `   floor (baseline): ${r.floor.kind} through the same TypeORM manager: p50 ${formatMs(f.p50Ms)}, p95 ${formatMs(f.p95Ms)}, p99 ${formatMs(f.p99Ms)}`,
    '',
    renderTable(['query kind', 'n', 'p50', 'p95', 'p99', 'items', 'p50 vs PK', 'seq scan p50', 'index speedup'], rows),
    '',
    '   p50 vs PK: how many primary-key lookups one search costs. seq scan: the first 3 queries of the kind rerun with',
    '   enable_indexscan/bitmapscan/indexonlyscan off; index speedup = their seq-scan p50 ÷ their indexed p50.',
    '',
    '   example query and the scans of its main query (EXPLAIN):',
    ...r.kinds.map((k) => `   - ${k.kind}: ${k.example}\n       ${k.plan}`),
    ...r.failures.map((f) => `   FAILED ${f.kind}: ${f.error}`),
  ].join('\n');
}
