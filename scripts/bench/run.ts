// `make bench`: import throughput, search latency over a million accounts, the gateway round trip and the kanban
// board of the sales pipeline, each against a
// baseline measured in the same run. Prints the report and writes it to .tmp/bench/report.json.
// and the portal's time to interactive in Chromium.
// Knobs: BENCH_ONLY=import,search,gateway,kanban,deals,portal  BENCH_IMPORT_ROWS (200000)  BENCH_IMPORT_SECONDS (300, import time budget)
//        BENCH_SEARCH_ROWS (1000000)
//        BENCH_SEARCH_QUERIES (200 per kind)  BENCH_SEARCH_KIND_SECONDS (30, time budget of one query kind)
//        BENCH_GATEWAY_REQUESTS (2000)  BENCH_ACCOUNT_DEALS_REQUESTS (500)  BENCH_TIMEOUT_MINUTES (25)
//        BENCH_KANBAN_DEALS (5000 open deals)  BENCH_KANBAN_REQUESTS (300 rounds)
//        BENCH_PORTAL_RUNS (7)  BENCH_PORTAL_ACCOUNTS (10000)  BENCH_PORTAL_DEALS (2000)
//        BENCH_DATABASE_URL (a PostgreSQL server to use instead of the embedded one)
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CleanupStack } from './bench-cleanup';
import { repoRoot, startBenchPostgres } from './bench-postgres';
import { formatGatewayReport, runGatewayBench, type GatewayBenchResult } from './gateway-bench';
import { formatAccountDealsReport, runAccountDealsBench, type AccountDealsBenchResult } from './account-deals-bench';
import { formatImportReport, runImportBench, type ImportBenchResult } from './import-bench';
import { formatKanbanReport, runKanbanBench, type KanbanBenchResult } from './kanban-bench';
import { formatPortalReport, runPortalBench, type PortalBenchResult } from './portal-bench';
import { formatSearchReport, runSearchBench, type SearchBenchResult } from './search-bench';
import { progress } from './stats';

type BenchName = 'import' | 'search' | 'gateway' | 'kanban' | 'deals' | 'portal';
type FailedStep = BenchName | 'setup';

interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string };
  import?: ImportBenchResult;
  search?: SearchBenchResult;
  gateway?: GatewayBenchResult;
  kanban?: KanbanBenchResult;
  accountDeals?: AccountDealsBenchResult;
  portal?: PortalBenchResult;
  failures: { bench: FailedStep; error: string }[];
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

function selectedBenches(): Set<BenchName> {
  const all: BenchName[] = ['import', 'search', 'gateway', 'kanban', 'deals', 'portal'];
  const raw = process.env.BENCH_ONLY;
  if (!raw) return new Set(all);
  const names = raw.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !all.includes(n as BenchName));
  if (unknown.length)
    throw new Error(`BENCH_ONLY: unknown benchmark ${unknown.join(', ')} (choose from ${all.join(', ')})`);
  return new Set(names as BenchName[]);
}

function message(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function main(): Promise<number> {
  const settings = {
    benches: selectedBenches(),
    importRows: positiveInt('BENCH_IMPORT_ROWS', 200_000),
    importSeconds: positiveInt('BENCH_IMPORT_SECONDS', 300),
    searchRows: positiveInt('BENCH_SEARCH_ROWS', 1_000_000),
    searchQueries: positiveInt('BENCH_SEARCH_QUERIES', 200),
    searchKindSeconds: positiveInt('BENCH_SEARCH_KIND_SECONDS', 30),
    gatewayRequests: positiveInt('BENCH_GATEWAY_REQUESTS', 2_000),
    accountDealsRequests: positiveInt('BENCH_ACCOUNT_DEALS_REQUESTS', 500),
    timeoutMinutes: positiveInt('BENCH_TIMEOUT_MINUTES', 25),
    kanbanDeals: positiveInt('BENCH_KANBAN_DEALS', 5_000),
    kanbanRequests: positiveInt('BENCH_KANBAN_REQUESTS', 300),
    portalRuns: positiveInt('BENCH_PORTAL_RUNS', 7),
    portalAccounts: positiveInt('BENCH_PORTAL_ACCOUNTS', 10_000),
    portalDeals: positiveInt('BENCH_PORTAL_DEALS', 2_000),
  };
  const started = performance.now();
  const cleanup = new CleanupStack();

  let interrupted = false;
  const abort = (reason: string) => {
    if (interrupted) return;
    interrupted = true;
    progress(`${reason}: cleaning up`);
    void cleanup.unwind().finally(() => process.exit(130));
  };
  const stillRunning = () => {
    if (interrupted) throw new Error('interrupted');
  };
  process.once('SIGINT', () => abort('interrupted'));
  process.once('SIGTERM', () => abort('terminated'));
  const watchdog = setTimeout(
    () => abort(`no result after ${settings.timeoutMinutes} minutes`),
    settings.timeoutMinutes * 60_000,
  );
  watchdog.unref();

  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    durationSeconds: 0,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: '',
    },
    failures: [],
  };
  const sections: string[] = [];
  try {
    progress('starting PostgreSQL');
    const postgres = await startBenchPostgres();
    cleanup.add('PostgreSQL', postgres.stop, postgres.removeDataDir);
    report.machine.postgres = postgres.version;

    if (settings.benches.has('import')) {
      try {
        stillRunning();
        report.import = await runImportBench({
          serverUrl: postgres.url,
          rows: settings.importRows,
          budgetSeconds: settings.importSeconds,
          cleanup,
        });
        sections.push(formatImportReport(report.import));
      } catch (error) {
        report.failures.push({ bench: 'import', error: message(error) });
      }
    }
    if (settings.benches.has('search') || settings.benches.has('gateway') || settings.benches.has('deals')) {
      try {
        stillRunning();
        const search = await runSearchBench({
          serverUrl: postgres.url,
          rows: settings.searchRows,
          queriesPerKind: settings.searchQueries,
          kindBudgetSeconds: settings.searchKindSeconds,
          measure: settings.benches.has('search'),
          cleanup,
        });
        if (settings.benches.has('search')) {
          report.search = search.result;
          sections.push(formatSearchReport(search.result));
        }
        if (settings.benches.has('gateway')) {
          try {
            stillRunning();
            report.gateway = await runGatewayBench({
              databaseUrl: search.databaseUrl,
              accountIds: search.repAccountIds,
              requests: settings.gatewayRequests,
              cleanup,
            });
            sections.push(formatGatewayReport(report.gateway));
          } catch (error) {
            report.failures.push({ bench: 'gateway', error: message(error) });
          }
        }
        if (settings.benches.has('deals')) {
          try {
            stillRunning();
            report.accountDeals = await runAccountDealsBench({
              serverUrl: postgres.url,
              customerDatabaseUrl: search.databaseUrl,
              repAccountIds: search.repAccountIds,
              requests: settings.accountDealsRequests,
              cleanup,
            });
            sections.push(formatAccountDealsReport(report.accountDeals));
          } catch (error) {
            report.failures.push({ bench: 'deals', error: message(error) });
          }
        }
      } catch (error) {
        report.failures.push({ bench: 'search', error: message(error) });
      }
    }
    if (settings.benches.has('kanban')) {
      try {
        stillRunning();
        report.kanban = await runKanbanBench({
          serverUrl: postgres.url,
          openDeals: settings.kanbanDeals,
          requests: settings.kanbanRequests,
          cleanup,
        });
        sections.push(formatKanbanReport(report.kanban));
      } catch (error) {
        report.failures.push({ bench: 'kanban', error: message(error) });
      }
    }
    if (settings.benches.has('portal')) {
      try {
        stillRunning();
        report.portal = await runPortalBench({
          serverUrl: postgres.url,
          runs: settings.portalRuns,
          accounts: settings.portalAccounts,
          deals: settings.portalDeals,
          cleanup,
        });
        sections.push(formatPortalReport(report.portal));
      } catch (error) {
        report.failures.push({ bench: 'portal', error: message(error) });
      }
    }
  } catch (error) {
    report.failures.push({ bench: 'setup', error: message(error) });
  } finally {
    progress('cleaning up');
    await cleanup.unwind();
    clearTimeout(watchdog);
  }

  report.durationSeconds = Math.round((performance.now() - started) / 1000);
  const m = report.machine;
  const header = [
    `CRM benchmarks — ${report.startedAt}, ${report.durationSeconds} s`,
    `machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres || '?'}`,
    'Every ratio compares with a baseline measured in this same run; absolute figures depend on the machine.',
  ].join('\n');
  const failures = report.failures.map((f) => `FAILED ${f.bench}: ${f.error}`);
  process.stdout.write(`\n${[header, ...sections, ...failures].join('\n\n')}\n`);

  const outDir = join(repoRoot, '.tmp', 'bench');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, 'report.json');
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nreport written to ${outFile}\n`);
  return report.failures.length || report.search?.failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${message(error)}\n`);
    process.exit(1);
  },
);
