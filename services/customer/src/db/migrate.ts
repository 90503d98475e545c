// Runs the customer service's pending migrations: `make migrate`, and the Helm pre-upgrade hook Job.
import { runMigrationCommand } from '@crm/platform/db';
import { customerDataSource } from './data-source';

void runMigrationCommand({ service: 'customer', urlVariable: 'CUSTOMER_DATABASE_URL', dataSource: customerDataSource });
