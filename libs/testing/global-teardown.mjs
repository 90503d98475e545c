import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const server = globalThis.__CRM_TEST_POSTGRES__;
  if (!server) return;
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
}
