import type { DataSource } from 'typeorm';
import { env, loadConfigOrExit } from '../config';
import { revertLastMigration, runMigrations } from './data-source';

export interface MigrationCommandOptions {
  /** e.g. `customer`: names the output lines. */
  service: string;
  /** The environment variable holding the database URL, e.g. `CUSTOMER_DATABASE_URL`. */
  urlVariable: string;
  dataSource(url: string, poolSize?: number): DataSource;
  argv?: string[];
}

/** A service's `migrate.ts` (`make migrate`, Helm pre-upgrade Job): applies pending migrations; --revert undoes one. */
export async function runMigrationCommand(options: MigrationCommandOptions): Promise<void> {
  const { service, urlVariable } = options;
  try {
    const config = loadConfigOrExit({ [urlVariable]: env.url({ protocols: ['postgres', 'postgresql'] }) });
    const dataSource = options.dataSource(String(config[urlVariable]), 2);
    if ((options.argv ?? process.argv).includes('--revert')) {
      await revertLastMigration(dataSource);
      process.stdout.write(`${service}: reverted the last migration\n`);
      return;
    }
    const applied = await runMigrations(dataSource);
    process.stdout.write(
      applied.length ? `${service}: applied ${applied.join(', ')}\n` : `${service}: schema up to date\n`,
    );
  } catch (error) {
    process.stderr.write(`${service}: migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
