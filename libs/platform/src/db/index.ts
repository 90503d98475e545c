export { createDataSource, runMigrations, revertLastMigration, type DataSourceOptions } from './data-source';
