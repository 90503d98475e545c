// Runs Keycloak alone with the crm realm, for local development, until Ctrl-C.
//   node scripts/keycloak/start.mjs [--port 8080] [--data DIR] [--verbose]
// Default port 8080 (the gateway's default KEYCLOAK_ISSUER is http://127.0.0.1:8080/realms/crm).
// Without --data the database is temporary: every start imports infra/keycloak/realm-crm.json afresh.
// With --data DIR it persists, and a realm already there is kept (delete DIR to re-import).
// The master realm's console gets the development admin admin/admin (KEYCLOAK_ADMIN_PASSWORD overrides).
import { parseArgs } from 'node:util';
import { startKeycloak } from '../../libs/testing/keycloak/keycloak-server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.KEYCLOAK_PORT ?? '8080' },
    data: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const server = await startKeycloak({
  port: Number(values.port),
  ...(values.data ? { dataDir: values.data } : {}),
  quiet: !values.verbose,
  bootstrapAdmin: { username: 'admin', password: process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin' },
});
process.stdout.write(
  [
    `keycloak: ${server.version} (JDK ${server.javaVersion}) started in ${server.startMs} ms`,
    `keycloak: issuer        ${server.issuer}`,
    `keycloak: account       ${server.issuer}/account`,
    `keycloak: admin console ${server.url}/admin/master/console/#/crm (development admin: admin)`,
    `keycloak: health        http://127.0.0.1:${server.managementPort}/health/ready`,
    `keycloak: log           ${server.logFile}`,
    'keycloak: demo users and passwords: infra/keycloak/README.md; Ctrl-C stops',
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.stdout.write('keycloak: stopped\n');
    process.exit(0);
  });
}
