// Runs the sales-pipeline service's pending migrations: `make migrate`, and the Helm pre-upgrade hook Job.
import { runMigrationCommand } from '@crm/platform/db';
import { salesDataSource } from './data-source';

void runMigrationCommand({ service: 'sales-pipeline', urlVariable: 'SALES_DATABASE_URL', dataSource: salesDataSource });
