import type { DataSource } from 'typeorm';
import type { ServiceAuditCheckpoints } from '@crm/platform/audit';
import { DEFAULT_EXACT_COUNT_BOUND } from '@crm/platform/pagination';
import { ContractService } from './contract-service';
import type { CustomerAccounts } from '@crm/platform/customer-accounts';
import { ExchangeRateService } from './exchange-rate-service';
import { ForecastService } from './forecast-service';
import { ForecastSnapshots } from './forecast-snapshots';
import { FinanceChanges } from './finance-changes';
import { FinanceWriteBack } from './finance-write-back';
import { InstalmentNotices } from './instalment-notices';
import type { InstalmentCalendar } from './instalment-status';
import { PaymentPlanService } from './payment-plan-service';
import { Receipts } from './receipts';
import { Receivables } from './receivables';
import { OpportunityService } from './opportunity-service';
import { PipelineService } from './pipeline-service';
import { QuotaService } from './quota-service';
import { TeamForecastAdjustments } from './team-forecast-adjustments';
import { DealEditing } from './deal-editing';
import { PipelineBoards } from './pipeline-board';
import { PipelineEditor } from './pipeline-editing';
import { StageHistoryReads } from './stage-history-reads';
import { StageMoves } from './stage-moves';
import type { UserTeams } from './user-teams';
import { LineItemService } from './line-item-service';
import { PriceBookService } from './price-book-service';
import { QuoteService } from './quote-service';
import { LeadAssignmentService } from './lead-assignment-service';
import { LeadCapture } from './lead-capture';
import { LeadConversionService } from './lead-conversion-service';
import { LeadService } from './lead-service';
import { WebFormService } from './web-form-service';

/** The sales-pipeline service's application layer, built once by the declaration and handed to gRPC and GraphQL. */
export interface SalesServices {
  dataSource: DataSource;
  customers: CustomerAccounts;
  pipelines: PipelineService;
  opportunities: OpportunityService;
  pipelineEditor: PipelineEditor;
  stageMoves: StageMoves;
  stageHistory: StageHistoryReads;
  boards: PipelineBoards;
  dealEditing: DealEditing;
  priceBook: PriceBookService;
  lineItems: LineItemService;
  quotes: QuoteService;
  contracts: ContractService;
  leads: LeadService;
  leadCapture: LeadCapture;
  leadAssignment: LeadAssignmentService;
  leadConversions: LeadConversionService;
  webForms: WebFormService;
  /** List totals (totalCount) are exact up to this many rows, then the planner's estimate. */
  exactCountUpTo: number;
  /** ISO 4217 code roll-ups, forecasts and kanban totals are converted to. */
  companyCurrency: string;
  exchangeRates: ExchangeRateService;
  forecasts: ForecastService;
  forecastSnapshots: ForecastSnapshots;
  forecastAdjustments: TeamForecastAdjustments;
  quotas: QuotaService;
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
    fiscalYearStartMonth?: number;
    users?: UserTeams;
    quoteDiscountApprovalPercent?: string;
    /** Where "today" is for instalments, and how early the due notice goes out. */
    instalmentCalendar?: InstalmentCalendar;
  } = {},
): SalesServices {
  const exactCountUpTo = options.exactCountUpTo ?? DEFAULT_EXACT_COUNT_BOUND;
  const pipelines = new PipelineService(dataSource);
  const opportunities = new OpportunityService(dataSource, pipelines, customers, exactCountUpTo);
  const companyCurrency = options.companyCurrency ?? 'CNY';
  const exchangeRates = new ExchangeRateService(dataSource, companyCurrency, exactCountUpTo);
  const forecasts = new ForecastService(dataSource, exchangeRates, companyCurrency, options.fiscalYearStartMonth ?? 1);
  const forecastSnapshots = new ForecastSnapshots(dataSource, forecasts, exactCountUpTo);
  // Without a directory (unit wiring), no user is known: transfers and manual lead assignments are refused.
  const users = options.users ?? { teamsOf: () => Promise.resolve(null) };
  const calendar = options.instalmentCalendar ?? { timeZone: 'Asia/Shanghai', dueNoticeDays: 7 };
  const leadAssignment = new LeadAssignmentService(dataSource);
  const leads = new LeadService(dataSource, exactCountUpTo, users);
  const leadCapture = new LeadCapture(dataSource, leadAssignment);
  return {
    dataSource,
    customers,
    exactCountUpTo,
    companyCurrency,
    paymentPlans: new PaymentPlanService(dataSource, calendar),
    receipts: new Receipts(dataSource, calendar),
    financeWriteBack: new FinanceWriteBack(dataSource, calendar),
    financeChanges: new FinanceChanges(dataSource),
    receivables: new Receivables(dataSource, calendar, companyCurrency),
    instalmentNotices: new InstalmentNotices(dataSource, calendar),
    pipelines,
    opportunities,
    exchangeRates,
    forecasts,
    forecastSnapshots,
    forecastAdjustments: new TeamForecastAdjustments(dataSource, forecastSnapshots, companyCurrency),
    quotas: new QuotaService(dataSource, companyCurrency, exactCountUpTo),
    pipelineEditor: new PipelineEditor(dataSource, pipelines),
    stageMoves: new StageMoves(dataSource, pipelines, opportunities),
    stageHistory: new StageHistoryReads(dataSource),
    boards: new PipelineBoards(dataSource, pipelines, companyCurrency),
    dealEditing: new DealEditing(dataSource, opportunities, customers, users),
    priceBook: new PriceBookService(dataSource, exactCountUpTo),
    lineItems: new LineItemService(dataSource, opportunities),
    quotes: new QuoteService(dataSource, opportunities, options.quoteDiscountApprovalPercent ?? '15', exactCountUpTo),
    contracts: new ContractService(dataSource, opportunities, exactCountUpTo),
    leads,
    leadCapture,
    webForms: new WebFormService(dataSource, leadCapture),
    leadAssignment,
    leadConversions: new LeadConversionService(dataSource, leads, opportunities, customers),
  };
}
