import type { DataSource } from 'typeorm';
import type { ServiceAuditCheckpoints } from '@crm/platform/audit';
import type { UserDirectory } from '@crm/platform/auth';
import type { CustomerAccounts } from '@crm/platform/customer-accounts';
import { DEFAULT_EXACT_COUNT_BOUND } from '@crm/platform/pagination';
import { validateLifecycleSettings, type LifecycleSettings } from '../domain/ticket-lifecycle';
import { TicketChangeListeners } from './ticket-change-listeners';
import { TicketReads } from './ticket-reads';
import { TicketService } from './ticket-service';
import { TicketWorkflow } from './ticket-workflow';

/** The directory the service reads users and teams from, and the token of its own service account. */
export interface TicketDirectory extends UserDirectory {
  serviceToken(): Promise<string>;
}

/** The service-ticket service's application layer, built once by the declaration and handed to gRPC and GraphQL. */
export interface TicketServices {
  dataSource: DataSource;
  customers: CustomerAccounts;
  directory: TicketDirectory;
  /** Every capability that follows ticket changes registers here (SLA clock, assignment, surveys). */
  listeners: TicketChangeListeners;
  tickets: TicketService;
  workflow: TicketWorkflow;
  reads: TicketReads;
  lifecycle: LifecycleSettings;
  exactCountUpTo: number;
  /** Set once the bus is connected: the audit chain's head, anchored on JetStream. */
  auditCheckpoints?: ServiceAuditCheckpoints;
}

export interface TicketServicesOptions {
  exactCountUpTo?: number;
  lifecycle: LifecycleSettings;
  defaultTeam: string;
}

export function createTicketServices(
  dataSource: DataSource,
  customers: CustomerAccounts,
  directory: TicketDirectory,
  options: TicketServicesOptions,
): TicketServices {
  const exactCountUpTo = options.exactCountUpTo ?? DEFAULT_EXACT_COUNT_BOUND;
  const lifecycle = validateLifecycleSettings(options.lifecycle);
  const listeners = new TicketChangeListeners();
  const tickets = new TicketService(dataSource, customers, listeners, {
    exactCountUpTo,
    defaultTeam: options.defaultTeam,
    serviceToken: () => directory.serviceToken(),
  });
  return {
    dataSource,
    customers,
    directory,
    listeners,
    tickets,
    workflow: new TicketWorkflow(tickets, lifecycle, directory),
    reads: new TicketReads(dataSource, exactCountUpTo),
    lifecycle,
    exactCountUpTo,
  };
}
