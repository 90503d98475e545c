// Runs the customer service's pending migrations: `make migrate`, and the Helm pre-upgrade hook Job.
import { loadConfigOrExit, env } from '@crm/platform/config';
import { runMigrations, revertLastMigration } from '@crm/platform/db';
import { customerDataSource } from './data-source';

async function main(): Promise<void> {
  const config = loadConfigOrExit({ CUSTOMER_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }) });
  const dataSource = customerDataSource(config.CUSTOMER_DATABASE_URL, 2);
  if (process.argv.includes('--revert')) {
    await revertLastMigration(dataSource);
    process.stdout.write('customer: reverted the last migration\n');
    return;
  }
  const applied = await runMigrations(dataSource);
  process.stdout.write(applied.length ? `customer: applied ${applied.join(', ')}\n` : 'customer: schema up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`customer: migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
