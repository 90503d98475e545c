import { spawnService, type ServiceProcess } from '@crm/testing';

/** The customer service in its own process, as deployed: a hung event loop there cannot hang the test. */
export type CustomerProcess = ServiceProcess;

/**
 * Starts `services/customer/src/main.ts` on free ports against a migrated database and a NATS server; `env` adds to or
 * overrides its environment (e.g. NODE_ENV=production).
 */
export function spawnCustomerProcess(
  databaseUrl: string,
  natsUrl: string,
  env: Record<string, string> = {},
): Promise<CustomerProcess> {
  return spawnService('customer', { databaseUrl, natsUrl, env });
}
