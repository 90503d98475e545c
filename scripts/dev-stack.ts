// The whole platform locally, until SIGTERM (started by scripts/dev.ts, which turns Ctrl-C into one SIGTERM).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { defaultDevPorts, repoRoot, stackServices, startStack } from '@crm/testing';

async function main(): Promise<void> {
  const stack = await startStack({
    stateDir: join(repoRoot, '.tmp/dev'),
    ports: defaultDevPorts,
    postgresUrl: process.env.DATABASE_URL,
  });
  // The portal: Vite in development mode, proxying the API paths to the gateway (portal/vite.config.ts).
  const portalUrl = 'http://localhost:5173';
  const portal = spawn(join(repoRoot, 'node_modules/.bin/vite'), ['--logLevel', 'warn'], {
    cwd: join(repoRoot, 'portal'),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORTAL_GATEWAY_URL: stack.urls.gateway.replace(/\/graphql$/, ''),
      PORTAL_CUSTOMER_URL: stack.urls.customerGraphql.replace(/\/graphql$/, ''),
      PORTAL_SALES_PIPELINE_URL: stack.urls['sales-pipelineGraphql'].replace(/\/graphql$/, ''),
      PORTAL_KEYCLOAK_URL: stack.keycloakIssuer.replace(/\/realms\/[^/]+$/, ''),
      VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
    },
  });
  // Labels padded to the longest, so every address starts in one column whatever the services are called.
  const rows: [string, string][] = [
    ['Web portal', `${portalUrl} (sign in as a demo user, e.g. rep.east1 / dev-rep.east1)`],
    ['GraphQL gateway', stack.urls.gateway],
    ...stackServices.flatMap((s): [string, string][] => [
      [`${s.name} subgraph`, stack.urls[`${s.name}Graphql`]],
      [`${s.name} gRPC`, stack.urls[`${s.name}Grpc`]],
    ]),
    [
      'PostgreSQL',
      `${stack.postgresUrl.replace(/:[^:@/]+@/, ':***@')} (databases ${stackServices.map((s) => `crm_${s.databaseName ?? s.name}`).join(', ')})`,
    ],
    ['NATS JetStream', stack.natsUrl],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  process.stdout.write(
    [
      '',
      'CRM platform is running:',
      ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
      '',
      'Load demo data with `make seed`; stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('dev: stopping\n');
    portal.kill('SIGTERM');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`dev: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
