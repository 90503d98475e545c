import type { DataSource } from 'typeorm';
import type { ServiceAuditCheckpoints } from '@crm/platform/audit';
import type { UserDirectory } from '@crm/platform/auth';
import type { CustomerAccounts } from '@crm/platform/customer-accounts';
import { DEFAULT_EXACT_COUNT_BOUND } from '@crm/platform/pagination';
import { validateLifecycleSettings, type LifecycleSettings } from '../domain/ticket-lifecycle';
import type { SurveySettings } from '../survey-config';
import { SurveyAnswers } from './survey-answers';
import { surveyOnResolution } from './survey-sending';
import { AttachmentService } from './attachment-service';
import type { AttachmentStorage } from './attachment-storage';
import { InboundEmailService, type InboundEmailSettings } from './inbound-email-service';
import { TicketChangeListeners } from './ticket-change-listeners';
import { autoAssignment } from './ticket-auto-assignment';
import { TicketAssignmentRuleService } from './ticket-assignment-rule-service';
import { BusinessCalendarService } from './business-calendar-service';
import { SlaPolicyService } from './sla-policy-service';
import { SlaSchedule } from './sla-schedule';
import { slaTicketListener } from './sla-ticket-listener';
import { writeSlaAlertEvent } from '../events/sla-alert-events';
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
  /** The customer's side of satisfaction surveys (the public page); sending is a listener of resolutions. */
  surveys: SurveyAnswers;
  /** Files on tickets: metadata in ticket_attachments, bytes in the attachment storage. */
  attachments: AttachmentService;
  /** Customers' email from the mail gateway: new tickets and replies in their threads. */
  inboundEmail: InboundEmailService;
  /** Assignment rules (crm-admin, service managers), applied to new tickets by the autoAssignment listener. */
  assignmentRules: TicketAssignmentRuleService;
  /** SLA engine: business calendars and policies (crm-admin), and the schedule that sends warnings and breaches. */
  calendars: BusinessCalendarService;
  slaPolicies: SlaPolicyService;
  slaSchedule: SlaSchedule;
  /** Set once the bus is connected: the audit chain's head, anchored on JetStream. */
  auditCheckpoints?: ServiceAuditCheckpoints;
}

export interface TicketServicesOptions {
  exactCountUpTo?: number;
  lifecycle: LifecycleSettings;
  defaultTeam: string;
  surveys: SurveySettings;
  /** Where attachment bytes go, and the largest file accepted. */
  attachments: { storage: AttachmentStorage; maxBytes: number };
  /** Where new email tickets land (the queue defaults to defaultTeam), and the account of unmatched mail. */
  inboundEmail: Partial<InboundEmailSettings>;
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
  listeners.register(slaTicketListener);
  const tickets = new TicketService(dataSource, customers, listeners, {
    exactCountUpTo,
    defaultTeam: options.defaultTeam,
    serviceToken: () => directory.serviceToken(),
    teamManagers: (teamId) => directory.teamManagers(teamId),
  });
  const workflow = new TicketWorkflow(tickets, lifecycle, directory);
  listeners.register(surveyOnResolution(options.surveys));
  const surveys = new SurveyAnswers({
    dataSource,
    settings: options.surveys,
    lifecycle,
    reopenLocked: (tx, ticket, reason, actor) => workflow.reopenLocked(tx, ticket, reason, actor),
  });
  listeners.register(autoAssignment(workflow));
  return {
    dataSource,
    customers,
    directory,
    listeners,
    tickets,
    surveys,
    workflow,
    reads: new TicketReads(dataSource, exactCountUpTo),
    lifecycle,
    exactCountUpTo,
    attachments: new AttachmentService(dataSource, tickets, options.attachments.storage, options.attachments.maxBytes),
    inboundEmail: new InboundEmailService(tickets, workflow, customers, () => directory.serviceToken(), lifecycle, {
      teamId: options.inboundEmail.teamId ?? options.defaultTeam,
      category: options.inboundEmail.category ?? 'email',
      unmatchedAccountId: options.inboundEmail.unmatchedAccountId ?? null,
    }),
    assignmentRules: new TicketAssignmentRuleService(dataSource, directory),
    calendars: new BusinessCalendarService(dataSource),
    slaPolicies: new SlaPolicyService(dataSource),
    slaSchedule: new SlaSchedule(dataSource, (teamId) => directory.teamManagers(teamId), writeSlaAlertEvent),
  };
}
