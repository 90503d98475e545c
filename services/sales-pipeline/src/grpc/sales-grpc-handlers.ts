import type { salesV1 } from '@crm/contracts';
import { InputError } from '@crm/platform/errors';
import { actorOfCall, type CallContext } from '@crm/platform/grpc';
import { requireUuid as uuidOf } from '@crm/platform/ids';
import { opportunityMessage } from '../application/opportunity-message';
import type { SalesServices } from '../application/sales-services';
import type { OpportunityStatus } from '../db/opportunity.entity';

const statuses: readonly string[] = ['open', 'won', 'lost'] satisfies OpportunityStatus[];

/** The sales service's gRPC API (proto/crm/sales/v1/sales.proto): the caller's row rules apply as in GraphQL. */
export function createSalesGrpcHandlers(services: SalesServices) {
  const { opportunities } = services;
  return {
    async getOpportunity(
      req: salesV1.GetOpportunityRequest,
      call: CallContext,
    ): Promise<salesV1.GetOpportunityResponse> {
      return { opportunity: opportunityMessage(await opportunities.get(uuidOf(req.id, ['id']), actorOfCall(call))) };
    },
    async batchGetOpportunities(
      req: salesV1.BatchGetOpportunitiesRequest,
      call: CallContext,
    ): Promise<salesV1.BatchGetOpportunitiesResponse> {
      if (req.ids.length > 500) throw InputError.single(['ids'], 'max_items', 'at most 500 ids per call');
      const rows = await opportunities.batchGet(
        req.ids.map((id, i) => uuidOf(id, ['ids', i])),
        actorOfCall(call),
      );
      return { opportunities: rows.map(opportunityMessage) };
    },
    async listAccountOpportunities(
      req: salesV1.ListAccountOpportunitiesRequest,
      call: CallContext,
    ): Promise<salesV1.ListAccountOpportunitiesResponse> {
      const accountId = uuidOf(req.accountId, ['account_id']);
      if (req.status && !statuses.includes(req.status))
        throw InputError.single(['status'], 'enum', 'must be open, won, lost or empty');
      const page = await opportunities.list(
        { accountId, status: (req.status || null) as OpportunityStatus | null },
        req.page?.first || undefined,
        req.page?.after || undefined,
        actorOfCall(call),
      );
      return {
        opportunities: page.items.map(opportunityMessage),
        pageInfo: { endCursor: page.endCursor ?? '', hasNextPage: page.hasNextPage },
      };
    },
  };
}
