// Jest global setup: one real PostgreSQL for the whole run (or the server named by DATABASE_URL).
// Each test file then creates its own fresh database on it (see src/test-database.ts).
import { startPostgres } from './postgres-server.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.CRM_TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const started = Date.now();
  const server = await startPostgres();
  globalThis.__CRM_TEST_POSTGRES__ = server;
  process.env.CRM_TEST_DATABASE_URL = server.url;
  process.stdout.write(`\ntesting: PostgreSQL on port ${server.port} started in ${Date.now() - started} ms\n`);
}
