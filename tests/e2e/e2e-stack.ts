import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeStackPorts, keycloakIssuer, startStack, type Stack, type StackOptions } from '@crm/testing';

/**
 * The whole platform as deployed (PostgreSQL database, NATS, customer service and gateway as separate processes) on
 * free ports (or `ports`), against the run's Keycloak, with databases named after `label`. `stop()` also removes its
 * state.
 */
export async function startE2eStack(
  label: string,
  options: Pick<StackOptions, 'subgraphUrls' | 'telemetry' | 'env' | 'logDir' | 'logLevel'> & {
    ports?: StackOptions['ports'];
  } = {},
): Promise<Stack> {
  const stateDir = mkdtempSync(join(tmpdir(), `crm-e2e-${label}-`));
  const stack = await startStack({
    stateDir,
    ports: options.ports ?? (await freeStackPorts()),
    subgraphUrls: options.subgraphUrls,
    telemetry: options.telemetry,
    env: options.env,
    logDir: options.logDir,
    postgresUrl: process.env.CRM_TEST_DATABASE_URL,
    databasePrefix: `e2e_${label}_${process.pid}`,
    keycloakIssuer: keycloakIssuer(),
    logLevel: options.logLevel ?? 'warn',
  });
  return {
    ...stack,
    async stop() {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
