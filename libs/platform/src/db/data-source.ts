import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

export interface DataSourceOptions {
  /** postgres:// URL of the service's own database. */
  url: string;
  entities: MixedList<EntitySchema | string>;
  migrations: MixedList<string | (new () => unknown)>;
  /** Pool size; each service process keeps its own pool. */
  poolSize?: number;
  applicationName?: string;
}

/**
 * The server and database as separate pool options (the URL still decides the connection): the pg instrumentation
 * names the pool in `db.client.connection.*` from them, `unknown_host:unknown_port/unknown_database` without.
 */
function poolIdentity(url: string): { host?: string; port?: number; database?: string } {
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname || undefined,
      port: parsed.port ? Number(parsed.port) : undefined,
      database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
    };
  } catch {
    return {};
  }
}

/** A TypeORM DataSource for one service's database. Schema changes only ever come from migrations. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations as DataSourceOptions['migrations'] & string[],
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    logging: false,
    poolSize: options.poolSize ?? 10,
    extra: {
      application_name: options.applicationName ?? 'crm',
      connectionTimeoutMillis: 5_000,
      ...poolIdentity(options.url),
    },
  });
}

/** Applies pending migrations; returns the names of those applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const initialised = dataSource.isInitialized;
  if (!initialised) await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (!initialised) await dataSource.destroy();
  }
}

/** Reverts the last applied migration. */
export async function revertLastMigration(dataSource: DataSource): Promise<void> {
  const initialised = dataSource.isInitialized;
  if (!initialised) await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    if (!initialised) await dataSource.destroy();
  }
}
