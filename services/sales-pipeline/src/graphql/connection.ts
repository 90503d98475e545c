import type { Connection, CountedConnection } from '@crm/platform/graphql';
import type { FinanceChangeEntry } from '../application/finance-changes';
import type { ReceivableLine } from '../application/receivables';
import type { ReceivablesSummary } from '../domain/payment-plan';
import type { OpportunityRow } from '../db/opportunity.entity';

/** What the resolvers of the counted connection types really return (the mappers of the generated resolver types). */
export type OpportunityCountedConnection = CountedConnection<OpportunityRow>;
export type FinanceChangeConnectionModel = Connection<FinanceChangeEntry>;
export type ReceivableLineConnectionModel = Connection<ReceivableLine> & { totalCount: number };
export type ReceivableAgesModel = ReceivablesSummary['overdueByAge'];
