import { rmSync } from 'node:fs';

async function stopPostgres() {
  const server = globalThis.__CRM_TEST_POSTGRES__;
  if (!server) return;
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
}

async function stopKeycloak() {
  await globalThis.__CRM_TEST_KEYCLOAK__?.stop(); // also removes its temporary data directory
}

export default async function globalTeardown() {
  await Promise.all([stopPostgres(), stopKeycloak()]);
}
