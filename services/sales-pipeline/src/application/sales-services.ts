import type { DataSource } from 'typeorm';
import type { ServiceAuditCheckpoints } from '@crm/platform/audit';
import { DEFAULT_EXACT_COUNT_BOUND } from '@crm/platform/pagination';
import type { CustomerAccounts } from './customer-accounts';
import { LeadAssignmentService } from './lead-assignment-service';
import { LeadCapture } from './lead-capture';
import { LeadConversionService } from './lead-conversion-service';
import { LeadService } from './lead-service';
import { OpportunityService } from './opportunity-service';
import { PipelineService } from './pipeline-service';
import { WebFormService } from './web-form-service';

/** The sales-pipeline service's application layer, built once by the declaration and handed to gRPC and GraphQL. */
export interface SalesServices {
  dataSource: DataSource;
  customers: CustomerAccounts;
  pipelines: PipelineService;
  opportunities: OpportunityService;
  leads: LeadService;
  leadCapture: LeadCapture;
  leadAssignment: LeadAssignmentService;
  leadConversions: LeadConversionService;
  webForms: WebFormService;
  /** List totals (totalCount) are exact up to this many rows, then the planner's estimate. */
  exactCountUpTo: number;
  /** ISO 4217 code roll-ups, forecasts and kanban totals are converted to. */
  companyCurrency: string;
  /** Set once the bus is connected: the audit chain's head, anchored on JetStream. */
  auditCheckpoints?: ServiceAuditCheckpoints;
}

export function createSalesServices(
  dataSource: DataSource,
  customers: CustomerAccounts,
  options: { exactCountUpTo?: number; companyCurrency?: string } = {},
): SalesServices {
  const exactCountUpTo = options.exactCountUpTo ?? DEFAULT_EXACT_COUNT_BOUND;
  const pipelines = new PipelineService(dataSource);
  const leadAssignment = new LeadAssignmentService(dataSource);
  const opportunities = new OpportunityService(dataSource, pipelines, customers, exactCountUpTo);
  const leads = new LeadService(dataSource, exactCountUpTo);
  const leadCapture = new LeadCapture(dataSource, leadAssignment);
  return {
    dataSource,
    customers,
    exactCountUpTo,
    companyCurrency: options.companyCurrency ?? 'CNY',
    pipelines,
    opportunities,
    leads,
    leadCapture,
    webForms: new WebFormService(dataSource, leadCapture),
    leadAssignment,
    leadConversions: new LeadConversionService(dataSource, leads, opportunities, customers),
  };
}
