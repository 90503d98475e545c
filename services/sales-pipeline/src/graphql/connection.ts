import type { Connection, CountedConnection } from '@crm/platform/graphql';
import type { ContractRow } from '../db/contract-rows';
import type { FinanceChangeEntry } from '../application/finance-changes';
import type { ReceivableLine } from '../application/receivables';
import type { ReceivablesSummary } from '../domain/payment-plan';
import type { LeadRow } from '../db/lead-rows';
import type { OpportunityRow } from '../db/opportunity.entity';
import type { PipelineRow } from '../db/pipeline.entity';
import type { AssignmentRule } from '../domain/lead-assignment';
import type { WebFormRow } from '../db/web-form-rows';
import type { ProductRow } from '../db/price-book-rows';
import type { QuoteRow } from '../db/quote-rows';

/** What the resolvers of the counted connection types really return (the mappers of the generated resolver types). */
export type OpportunityCountedConnection = CountedConnection<OpportunityRow>;

/** A board column's page of deals (no total: the column's count says it). */
export type OpportunityPageConnection = Connection<OpportunityRow>;
export type ProductCountedConnection = CountedConnection<ProductRow>;
export type QuoteCountedConnection = CountedConnection<QuoteRow>;
export type ContractCountedConnection = CountedConnection<ContractRow>;
export type FinanceChangeConnectionModel = Connection<FinanceChangeEntry>;
export type ReceivableLineConnectionModel = Connection<ReceivableLine> & { totalCount: number };
export type ReceivableAgesModel = ReceivablesSummary['overdueByAge'];
export type LeadCountedConnection = CountedConnection<LeadRow>;
export type PipelineCountedConnection = CountedConnection<PipelineRow>;
export type LeadAssignmentRuleCountedConnection = CountedConnection<AssignmentRule>;
export type WebFormCountedConnection = CountedConnection<WebFormRow>;
