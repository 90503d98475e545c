// Import throughput: the real importAccounts (apply, skip policy) against a raw COPY of the same rows, both into a
// freshly migrated database (same table, same indexes), from files generated beforehand and streamed from disk.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { customerDataSource } from '../../services/customer/src/db/data-source';
import { createCustomerServices } from '../../services/customer/src/application/customer-services';
import { dedupeKeys } from '../../services/customer/src/domain/dedupe-keys';
import { importAccounts } from '../../services/customer/src/import/account-import';
import { mapAccountRow } from '../../services/customer/src/import/account-row';
import type { ImportReport } from '../../services/customer/src/import/import-report';
import { accountRecord, arrayLiteral, copyValue, csvColumns, csvLine } from './bench-accounts';
import type { CleanupStack } from './bench-cleanup';
import { copyFromStdin, createMigratedDatabase } from './bench-postgres';
import { formatCount, formatMiB, formatRatio, progress, ratio, renderTable, round } from './stats';

export interface ImportBenchOptions {
  serverUrl: string;
  rows: number;
  /** The import stops reading the file after this long (it is slow, and slower as the table grows). */
  budgetSeconds: number;
  cleanup: CleanupStack;
}

interface PhaseResult {
  seconds: number;
  rowsPerSecond: number;
  peakRssBytes: number;
}

export interface ImportBenchResult {
  rows: number;
  csvBytes: number;
  generateSeconds: number;
  baselineMethod: string;
  copy: PhaseResult & { rowsCopied: number };
  import: PhaseResult & {
    /** Rows the import read: all of them unless the time budget cut the file. */
    rowsRead: number;
    budgetSeconds: number;
    stoppedByBudget: boolean;
    /** Throughput while each tenth of the file was read (≈, the reader runs a little ahead of the writes). */
    rowsPerSecondByTenth: number[];
    rssBeforeBytes: number;
    /** Peak RSS while reading each tenth of the file: flat means memory does not grow with the file. */
    peakRssByTenthBytes: number[];
    report: Omit<ImportReport, 'errors'> & { firstErrors: ImportReport['errors'] };
    accountsInTable: number;
  };
  /** Import rows/s ÷ COPY rows/s. */
  importToCopyRatio: number;
}

const copyColumns = [
  'id',
  'name',
  'name_key',
  'tax_id',
  'tax_id_key',
  'industry',
  'size',
  'website',
  'addresses',
  'phones',
  'phone_keys',
  'emails',
  'email_keys',
  'tags',
  'grade',
  'lifecycle_stage',
  'owner_id',
  'team_id',
  'custom_fields',
  'created_by',
  'created_at',
  'updated_by',
  'updated_at',
  'version',
];

/** The row exactly as the import stores it: the CSV record mapped by the import's own code, keys included. */
function copyLine(record: Record<string, string>, rowNumber: number, now: string): string {
  const mapped = mapAccountRow(record, rowNumber, []);
  if (!mapped.ok) throw new Error(`generated row ${rowNumber} is invalid: ${JSON.stringify(mapped.errors)}`);
  const f = mapped.fields;
  const keys = dedupeKeys(f);
  const values = [
    randomUUID(),
    f.name,
    keys.name,
    f.taxId,
    keys.taxId,
    f.industry,
    f.size,
    f.website,
    JSON.stringify(f.addresses),
    arrayLiteral(f.phones),
    arrayLiteral(keys.phones),
    arrayLiteral(f.emails),
    arrayLiteral(keys.emails),
    arrayLiteral(f.tags),
    f.grade,
    f.lifecycleStage,
    f.ownerId,
    f.teamId,
    JSON.stringify(f.customFields),
    'bench-import',
    now,
    'bench-import',
    now,
    1,
  ];
  return `${values.map(copyValue).join('\t')}\n`;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/** Writes the CSV and its COPY twin row by row (never the whole file in memory). */
async function generateFiles(rows: number, csvPath: string, copyPath: string): Promise<number> {
  const started = performance.now();
  const csv = createWriteStream(csvPath);
  const copy = createWriteStream(copyPath);
  const now = new Date().toISOString();
  let csvChunk = `${csvColumns.join(',')}\n`;
  let copyChunk = '';
  for (let i = 0; i < rows; i++) {
    const record = accountRecord(i);
    csvChunk += csvLine(record);
    copyChunk += copyLine(record, i + 2, now);
    if ((i + 1) % 2000 === 0 || i === rows - 1) {
      await write(csv, csvChunk);
      await write(copy, copyChunk);
      csvChunk = '';
      copyChunk = '';
    }
    if ((i + 1) % 100_000 === 0) progress(`generated ${formatCount(i + 1)} rows`);
  }
  await Promise.all([close(csv), close(copy)]);
  return (performance.now() - started) / 1000;
}

/** Samples the process RSS every 100 ms while `fn` runs. */
async function withRssSampling<T>(
  bucket: () => number,
  fn: () => Promise<T>,
): Promise<{ value: T; peak: number; peakByBucket: number[] }> {
  const peakByBucket: number[] = [];
  let peak = 0;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    const b = bucket();
    peakByBucket[b] = Math.max(peakByBucket[b] ?? 0, rss);
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const value = await fn();
    sample();
    return { value, peak, peakByBucket };
  } finally {
    clearInterval(timer);
  }
}

/** The CSV read from disk and counted; past the deadline it ends at the next line break, as a shorter file would. */
class CsvFeed {
  bytesRead = 0;
  /** True when the deadline cut the file short. */
  cut = false;
  /** performance.now() when each tenth of the file had been read. */
  readonly tenths: number[] = [];

  constructor(
    private readonly path: string,
    private readonly totalBytes: number,
    private readonly deadline: number,
  ) {}

  stream(): Readable {
    return Readable.from(this.chunks(), { objectMode: false });
  }

  private async *chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(this.path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      this.cut = performance.now() > this.deadline;
      const out = this.cut ? chunk.subarray(0, chunk.lastIndexOf(0x0a) + 1) : chunk;
      this.bytesRead += out.length;
      while (this.tenths.length < 10 && this.bytesRead >= ((this.tenths.length + 1) * this.totalBytes) / 10) {
        this.tenths.push(performance.now());
      }
      yield out;
      if (this.cut) return;
    }
  }
}

export async function runImportBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
  const { rows, cleanup } = options;
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-import-'));
  const removeDirNow = () => rmSync(dir, { recursive: true, force: true });
  const removeDir = cleanup.add('import temp dir', async () => removeDirNow(), removeDirNow);
  const csvPath = join(dir, 'accounts.csv');
  const copyPath = join(dir, 'accounts.copy');

  progress(`import: generating ${formatCount(rows)} rows (CSV and the COPY text of the same rows)`);
  const generateSeconds = await generateFiles(rows, csvPath, copyPath);
  const csvBytes = statSync(csvPath).size;

  // Baseline: COPY of the same rows, as the import would store them, into the same table with the same indexes.
  const copyDb = await createMigratedDatabase(options.serverUrl, 'bench_import_copy');
  const dropCopyDb = cleanup.add('COPY baseline database', copyDb.drop);
  progress('import: baseline COPY FROM STDIN');
  const client = new Client({ connectionString: copyDb.url });
  await client.connect();
  const copyStarted = performance.now();
  const copied = await withRssSampling(
    () => 0,
    async () => {
      try {
        return await copyFromStdin(
          client,
          `COPY accounts (${copyColumns.join(', ')}) FROM STDIN`,
          createReadStream(copyPath, { highWaterMark: 256 * 1024 }),
        );
      } finally {
        await client.end();
      }
    },
  );
  const copySeconds = (performance.now() - copyStarted) / 1000;
  await dropCopyDb();

  // The real import, as POST /imports/accounts runs it, without the HTTP upload around it.
  const importDb = await createMigratedDatabase(options.serverUrl, 'bench_import_app');
  const dropImportDb = cleanup.add('import database', importDb.drop);
  const dataSource = customerDataSource(importDb.url);
  await dataSource.initialize();
  const closeDataSource = cleanup.add('import data source', () => dataSource.destroy());
  const services = createCustomerServices(dataSource);

  progress(`import: importAccounts (apply, policy skip), at most ${options.budgetSeconds} s`);
  const importStarted = performance.now();
  const feed = new CsvFeed(csvPath, csvBytes, importStarted + options.budgetSeconds * 1000);
  const rssBeforeBytes = process.memoryUsage.rss();
  const imported = await withRssSampling(
    () => Math.min(9, Math.floor((10 * feed.bytesRead) / csvBytes)),
    () =>
      importAccounts(
        services,
        feed.stream(),
        { encoding: 'auto', dryRun: false, policy: 'skip' },
        // An administrator's bulk import: rows keep their owners, rows without one go to the pool.
        { id: 'bench-import', requestId: 'bench', roles: ['crm-admin'], teams: [] },
      ),
  );
  const importSeconds = (performance.now() - importStarted) / 1000;
  const [{ count }] = (await dataSource.query('SELECT count(*)::int AS count FROM accounts')) as { count: number }[];
  await closeDataSource();
  await dropImportDb();
  await removeDir();

  const { errors, ...report } = imported.value;
  const copyRate = rows / copySeconds;
  const importRate = report.rowsRead / importSeconds;
  const rowsPerTenth = rows / 10;
  return {
    rows,
    csvBytes,
    generateSeconds: round(generateSeconds, 1),
    baselineMethod: 'COPY accounts FROM STDIN (text format, pg wire protocol; pg-copy-streams is not installed)',
    copy: {
      seconds: round(copySeconds, 2),
      rowsPerSecond: Math.round(copyRate),
      peakRssBytes: copied.peak,
      rowsCopied: copied.value,
    },
    import: {
      seconds: round(importSeconds, 2),
      rowsRead: report.rowsRead,
      budgetSeconds: options.budgetSeconds,
      stoppedByBudget: feed.cut,
      rowsPerSecond: Math.round(importRate),
      rowsPerSecondByTenth: feed.tenths.map((t, i) =>
        Math.round(rowsPerTenth / ((t - (i === 0 ? importStarted : feed.tenths[i - 1])) / 1000)),
      ),
      peakRssBytes: imported.peak,
      rssBeforeBytes,
      peakRssByTenthBytes: Array.from(imported.peakByBucket, (bytes) => bytes ?? 0),
      report: { ...report, firstErrors: errors.slice(0, 5) },
      accountsInTable: count,
    },
    importToCopyRatio: ratio(importRate, copyRate),
  };
}

export function formatImportReport(r: ImportBenchResult): string {
  const rep = r.import.report;
  const lines = [
    `1. Import throughput: ${formatCount(r.rows)} rows, CSV ${formatMiB(r.csvBytes)} (generated in ${r.generateSeconds} s, streamed from disk)`,
    '',
    renderTable(
      ['path', 'seconds', 'rows/s', 'peak RSS', 'vs COPY'],
      [
        [
          'COPY (baseline)',
          r.copy.seconds.toFixed(2),
          formatCount(r.copy.rowsPerSecond),
          formatMiB(r.copy.peakRssBytes),
          formatRatio(1),
        ],
        [
          r.import.stoppedByBudget ? `importAccounts (${formatCount(r.import.rowsRead)} rows)` : 'importAccounts',
          r.import.seconds.toFixed(2),
          formatCount(r.import.rowsPerSecond),
          formatMiB(r.import.peakRssBytes),
          formatRatio(r.importToCopyRatio),
        ],
      ],
    ),
    '',
    `   baseline: ${r.baselineMethod}, same rows and values, into a freshly migrated table with all its indexes`,
    ...(r.import.stoppedByBudget
      ? [
          `   the import hit its ${r.import.budgetSeconds} s budget: it read ${formatCount(r.import.rowsRead)} of ${formatCount(r.rows)} rows; its rate is over those rows (BENCH_IMPORT_SECONDS to change)`,
        ]
      : []),
    `   import: created ${formatCount(rep.created)}, skipped ${formatCount(rep.skipped)}, unchanged ${formatCount(rep.unchanged)}, failed ${formatCount(rep.failed)}; ${formatCount(r.import.accountsInTable)} accounts in the table; it also writes an outbox event and a fingerprint per row`,
    `   import rows/s while reading each tenth of the file (≈): ${r.import.rowsPerSecondByTenth.map(formatCount).join(' · ')}`,
    `   import RSS: ${formatMiB(r.import.rssBeforeBytes)} before; peak per tenth of the file ${r.import.peakRssByTenthBytes.map((b) => (b / 2 ** 20).toFixed(0)).join(' · ')} MiB (the file is ${formatMiB(r.csvBytes)}: flat = bounded memory)`,
  ];
  if (rep.failed > 0) lines.push(`   first row errors: ${JSON.stringify(rep.firstErrors)}`);
  return lines.join('\n');
}
