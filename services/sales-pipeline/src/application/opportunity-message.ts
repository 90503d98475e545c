import type { salesEventsV1 } from '@crm/contracts';
import type { OpportunityRow } from '../db/opportunity.entity';

/** A deal as the events and the gRPC API carry it. */
export function opportunityMessage(row: OpportunityRow): salesEventsV1.Opportunity {
  return {
    id: row.id,
    name: row.name,
    accountId: row.accountId,
    ownerId: row.ownerId,
    teamId: row.teamId ?? '',
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    status: row.status,
    amount: { amount: row.amount, currencyCode: row.currency },
    probability: row.probability,
    expectedCloseOn: row.expectedCloseOn ?? '',
    closedAt: row.closedAt ?? undefined,
  };
}
