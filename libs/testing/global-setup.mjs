// Jest global setup: one real PostgreSQL for the whole run (or the server named by DATABASE_URL).
// Each test file then creates its own fresh database on it (see src/test-database.ts).
// Also one real Keycloak with the crm realm (see keycloak/keycloak-server.mjs), started at the same time,
// when it is installed (.tools/keycloak) and not switched off with CRM_TEST_KEYCLOAK=off; its issuer goes
// to the workers as CRM_TEST_KEYCLOAK_URL (or use the one named by CRM_TEST_KEYCLOAK_URL).
import { startPostgres } from './postgres-server.mjs';
import { keycloakInstalled, startKeycloak } from './keycloak/keycloak-server.mjs';

async function setupPostgres() {
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

async function setupKeycloak() {
  if (process.env.CRM_TEST_KEYCLOAK_URL) return; // an already running one
  if (process.env.CRM_TEST_KEYCLOAK === 'off') {
    process.stdout.write('\ntesting: Keycloak off (CRM_TEST_KEYCLOAK=off); tests that need it will fail\n');
    return;
  }
  if (!keycloakInstalled()) {
    process.stdout.write('\ntesting: Keycloak not installed (run `make setup`); tests that need it will fail\n');
    return;
  }
  const server = await startKeycloak();
  globalThis.__CRM_TEST_KEYCLOAK__ = server;
  process.env.CRM_TEST_KEYCLOAK_URL = server.issuer;
  process.stdout.write(
    `\ntesting: Keycloak ${server.version} (JDK ${server.javaVersion}) on port ${server.port} started in ${server.startMs} ms\n`,
  );
}

export default async function globalSetup() {
  const results = await Promise.allSettled([setupPostgres(), setupKeycloak()]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled([globalThis.__CRM_TEST_POSTGRES__?.stop(), globalThis.__CRM_TEST_KEYCLOAK__?.stop()]);
    throw failed.reason;
  }
}
