// Runs the service-ticket service's pending migrations: `make migrate`, and the Helm pre-upgrade hook Job.
import { runMigrationCommand } from '@crm/platform/db';
import { ticketDataSource } from './data-source';

void runMigrationCommand({
  service: 'service-ticket',
  urlVariable: 'TICKET_DATABASE_URL',
  dataSource: ticketDataSource,
});
