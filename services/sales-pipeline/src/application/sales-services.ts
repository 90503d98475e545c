import type { DataSource } from 'typeorm';
import type { ServiceAuditCheckpoints } from '@crm/platform/audit';
import { DEFAULT_EXACT_COUNT_BOUND } from '@crm/platform/pagination';
import { ContractService } from './contract-service';
import type { CustomerAccounts } from './customer-accounts';
import { LineItemService } from './line-item-service';
import { OpportunityService } from './opportunity-service';
import { PipelineService } from './pipeline-service';
import { PriceBookService } from './price-book-service';
import { QuoteService } from './quote-service';

/** The sales-pipeline service's application layer, built once by the declaration and handed to gRPC and GraphQL. */
export interface SalesServices {
  dataSource: DataSource;
  customers: CustomerAccounts;
  pipelines: PipelineService;
  opportunities: OpportunityService;
  priceBook: PriceBookService;
  lineItems: LineItemService;
  quotes: QuoteService;
  contracts: ContractService;
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
  options: { exactCountUpTo?: number; companyCurrency?: string; quoteDiscountApprovalPercent?: string } = {},
): SalesServices {
  const exactCountUpTo = options.exactCountUpTo ?? DEFAULT_EXACT_COUNT_BOUND;
  const pipelines = new PipelineService(dataSource);
  const opportunities = new OpportunityService(dataSource, pipelines, customers, exactCountUpTo);
  return {
    dataSource,
    customers,
    exactCountUpTo,
    companyCurrency: options.companyCurrency ?? 'CNY',
    pipelines,
    opportunities,
    priceBook: new PriceBookService(dataSource, exactCountUpTo),
    lineItems: new LineItemService(dataSource, opportunities),
    quotes: new QuoteService(dataSource, opportunities, options.quoteDiscountApprovalPercent ?? '15', exactCountUpTo),
    contracts: new ContractService(dataSource, opportunities, exactCountUpTo),
  };
}
