import type { DataSource } from 'typeorm';
import type { ServiceAuditCheckpoints } from '@crm/platform/audit';
import { DEFAULT_EXACT_COUNT_BOUND } from '@crm/platform/pagination';
import type { CustomerAccounts } from './customer-accounts';
import { FinanceChanges } from './finance-changes';
import { FinanceWriteBack } from './finance-write-back';
import { InstalmentNotices } from './instalment-notices';
import type { InstalmentCalendar } from './instalment-status';
import { PaymentPlanService } from './payment-plan-service';
import { Receipts } from './receipts';
import { Receivables } from './receivables';
import { OpportunityService } from './opportunity-service';
import { PipelineService } from './pipeline-service';

/** The sales-pipeline service's application layer, built once by the declaration and handed to gRPC and GraphQL. */
export interface SalesServices {
  dataSource: DataSource;
  customers: CustomerAccounts;
  pipelines: PipelineService;
  opportunities: OpportunityService;
  /** List totals (totalCount) are exact up to this many rows, then the planner's estimate. */
  exactCountUpTo: number;
  /** ISO 4217 code roll-ups, forecasts and kanban totals are converted to. */
  companyCurrency: string;
  paymentPlans: PaymentPlanService;
  receipts: Receipts;
  financeWriteBack: FinanceWriteBack;
  financeChanges: FinanceChanges;
  receivables: Receivables;
  instalmentNotices: InstalmentNotices;
  /** Set once the bus is connected: the audit chain's head, anchored on JetStream. */
  auditCheckpoints?: ServiceAuditCheckpoints;
}

export function createSalesServices(
  dataSource: DataSource,
  customers: CustomerAccounts,
  options: {
    exactCountUpTo?: number;
    companyCurrency?: string;
    /** Where "today" is for instalments, and how early the due notice goes out. */
    instalmentCalendar?: InstalmentCalendar;
  } = {},
): SalesServices {
  const exactCountUpTo = options.exactCountUpTo ?? DEFAULT_EXACT_COUNT_BOUND;
  const pipelines = new PipelineService(dataSource);
  const calendar = options.instalmentCalendar ?? { timeZone: 'Asia/Shanghai', dueNoticeDays: 7 };
  return {
    dataSource,
    customers,
    exactCountUpTo,
    companyCurrency: options.companyCurrency ?? 'CNY',
    paymentPlans: new PaymentPlanService(dataSource, calendar),
    receipts: new Receipts(dataSource, calendar),
    financeWriteBack: new FinanceWriteBack(dataSource, calendar),
    financeChanges: new FinanceChanges(dataSource),
    receivables: new Receivables(dataSource, calendar, options.companyCurrency ?? 'CNY'),
    instalmentNotices: new InstalmentNotices(dataSource, calendar),
    pipelines,
    opportunities: new OpportunityService(dataSource, pipelines, customers, exactCountUpTo),
  };
}
