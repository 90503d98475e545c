import { join } from 'node:path';
import { subgraphSdlFiles } from '@crm/platform/graphql';
import type { ResolverTypesSpec } from '@crm/testing/graphql-codegen';
import { salesResolvers } from './all-resolvers';

/** The enums the resolver map translates (OpportunityStatus.OPEN → 'open'), read from the map itself. */
function enumValues(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [type, values] of Object.entries(salesResolvers())) {
    const entries = Object.entries(values);
    if (entries.length && entries.every(([, v]) => typeof v === 'string')) out[type] = values as Record<string, string>;
  }
  return out;
}

/** How the sales-pipeline subgraph's resolver types are generated (`make codegen`; a spec fails when they are stale). */
export function salesResolverTypesSpec(root = join(__dirname, '..', '..', '..', '..')): ResolverTypesSpec {
  const dir = join(root, 'services/sales-pipeline/src/graphql');
  return {
    schema: subgraphSdlFiles(dir),
    outFile: join(dir, 'generated/resolver-types.ts'),
    contextType: '../context#SalesContext',
    mappers: {
      Account: '../context#AccountReference',
      Opportunity: '../../db/opportunity.entity#OpportunityRow',
      Pipeline: '../../db/pipeline.entity#PipelineRow',
      Stage: '../../db/pipeline.entity#StageRow',
      PipelineConnection: '../connection#PipelineCountedConnection',
      OpportunityConnection: '../connection#OpportunityCountedConnection',
      FieldChange: '@crm/platform/audit#FieldChangeRecord',
      AuditRecord: '@crm/platform/audit#AuditRecord',
      ExchangeRate: '../../application/exchange-rate-service#ExchangeRateRow',
      ExchangeRateConnection: '../forecast-mappers#ExchangeRateCountedConnection',
      Forecast: '../../application/forecast-service#ForecastView',
      ForecastScope: '../forecast-mappers#ForecastScopeView',
      ForecastPeriod: '../../domain/fiscal-period#Period',
      ForecastFigures: '../../domain/forecast#ForecastFigures',
      ForecastRate: '../../domain/exchange-rates#AppliedRate',
      RepForecast: '../../application/forecast-service#RepForecast',
      TeamForecast: '../../application/forecast-service#TeamForecast',
      ForecastAdjustment: '../forecast-mappers#ForecastAdjustmentView',
      ForecastSnapshot: '../../application/forecast-snapshots#ForecastSnapshot',
      ForecastSnapshotConnection: '../forecast-mappers#ForecastSnapshotCountedConnection',
      Quota: '../../db/forecast-rows#QuotaRow',
      QuotaConnection: '../forecast-mappers#QuotaCountedConnection',
      StageHistoryEntry: '../../application/stage-history-reads#StageHistoryRow',
      StageCycleTimes: '../../application/stage-history-reads#CycleTimeReport',
      StageCycleTime: '../../application/stage-history-reads#StageCycleTime',
      PipelineBoard: '../../application/pipeline-board#PipelineBoard',
      PipelineBoardColumn: '../../application/pipeline-board#BoardColumn',
      BoardExchangeRate: '../../domain/exchange-rates#AppliedRate',
      BoardDealConnection: '../connection#OpportunityPageConnection',
      Product: '../../db/price-book-rows#ProductRow',
      Price: '../../db/price-book-rows#PriceRow',
      ProductConnection: '../connection#ProductCountedConnection',
      LineItem: '../../db/line-item-rows#LineItemRow',
      Quote: '../../db/quote-rows#QuoteRow',
      QuoteConnection: '../connection#QuoteCountedConnection',
      Contract: '../../db/contract-rows#ContractRow',
      ContractConnection: '../connection#ContractCountedConnection',
      PaymentPlan: '../../application/payment-plan-service#PaymentPlanView',
      Instalment: '../../application/instalment-status#InstalmentView',
      Payment: '../../db/payment-plan-rows#PaymentRow',
      Invoice: '../../db/payment-plan-rows#InvoiceRow',
      FinanceChange: '../../application/finance-changes#FinanceChangeEntry',
      FinanceChangeConnection: '../connection#FinanceChangeConnectionModel',
      Receivables: '../../application/receivables#ReceivablesReport',
      CurrencyReceivables: '../../application/receivables#CurrencyReceivables',
      ReceivableLine: '../../application/receivables#ReceivableLine',
      ReceivableLineConnection: '../connection#ReceivableLineConnectionModel',
      ReceivablesSummary: '../../domain/payment-plan#ReceivablesSummary',
      ReceivableAges: '../connection#ReceivableAgesModel',
      Lead: '../../db/lead-rows#LeadRow',
      LeadConnection: '../connection#LeadCountedConnection',
      LeadAssignmentRule: '../../domain/lead-assignment#AssignmentRule',
      LeadAssignmentRuleConnection: '../connection#LeadAssignmentRuleCountedConnection',
      LeadConversion: '../../db/lead-conversion-rows#LeadConversionRow',
      WebForm: '../../db/web-form-rows#WebFormRow',
      WebFormConnection: '../connection#WebFormCountedConnection',
    },
    scalars: { DateTime: 'Date', Date: 'string', JSON: 'unknown' },
    enumValues: enumValues(),
  };
}
