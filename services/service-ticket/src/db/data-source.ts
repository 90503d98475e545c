import { createDataSource } from '@crm/platform/db';
import type { DataSource } from 'typeorm';
import { InitialSchema1765000000000 } from './migrations/1765000000000-initial-schema';
import { SlaEngine1765010000000 } from './migrations/1765010000000-sla-engine';
import { TicketSurveys1765020000000 } from './migrations/1765020000000-ticket-surveys';
import { TicketAttachments1765030000000 } from './migrations/1765030000000-ticket-attachments';
import { OpenComplaintsIndex1765050000000 } from './migrations/1765050000000-open-complaints-index';
import { TicketAssignment1765040000000 } from './migrations/1765040000000-ticket-assignment';
import { SlaQueueMarks1765100000000 } from './migrations/1765100000000-sla-queue-marks';
import { TicketSearch1765100000001 } from './migrations/1765100000001-ticket-search';

export const ticketMigrations = [
  InitialSchema1765000000000,
  SlaEngine1765010000000,
  TicketSurveys1765020000000,
  TicketAttachments1765030000000,
  TicketAssignment1765040000000,
  OpenComplaintsIndex1765050000000,
  SlaQueueMarks1765100000000,
  TicketSearch1765100000001,
];

export function ticketDataSource(url: string, poolSize = 10): DataSource {
  return createDataSource({
    url,
    entities: [],
    migrations: ticketMigrations,
    poolSize,
    applicationName: 'crm-service-ticket',
  });
}
