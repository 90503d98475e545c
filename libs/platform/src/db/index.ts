export { createDataSource, runMigrations, revertLastMigration, type DataSourceOptions } from './data-source';
export { runMigrationCommand, type MigrationCommandOptions } from './migration-command';
export { isUniqueViolation } from './unique-violation';
