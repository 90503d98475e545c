import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';

/** Connection settings of a TypeORM postgres DataSource, for a dedicated `pg.Client` (LISTEN and advisory locks). */
export function postgresClientConfig(dataSource: DataSource, applicationName: string): ClientConfig {
  const options = dataSource.options;
  if (options.type !== 'postgres') throw new Error(`the bus needs a postgres DataSource, got ${options.type}`);
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
    // TypeORM types it as node's TlsOptions, pg as ConnectionOptions; both are the options of tls.connect.
    ssl: options.ssl as ClientConfig['ssl'],
    application_name: applicationName,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  };
}
