import DataLoader from 'dataloader';
import { childPagesLoader, type ChildPages } from '@crm/platform/graphql';
import type { ContactRoleInput } from '../application/deal-editing';
import type { StageHistoryRow } from '../application/stage-history-reads';
import type { OpportunityRow } from '../db/opportunity.entity';
import type { SalesContext } from './context';

/** Per-request loaders of the deal-workflow fields (stage history, contact roles): one statement per page of deals. */
export interface DealWorkflowLoaders {
  stageHistory: ChildPages<OpportunityRow, StageHistoryRow>;
  contactRoles: DataLoader<string, ContactRoleInput[]>;
}

// Kept beside the request's context rather than in it, so each capability owns its loaders.
const perRequest = new WeakMap<SalesContext, DealWorkflowLoaders>();

export function dealWorkflowLoaders(ctx: SalesContext): DealWorkflowLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = {
      stageHistory: childPagesLoader((deals, first, after) =>
        ctx.services.stageHistory.pagesByDeal(
          deals.map((d) => d.id),
          first,
          after,
        ),
      ),
      contactRoles: new DataLoader(async (ids) => {
        const roles = await ctx.services.dealEditing.contactRolesOf(ids);
        return ids.map((id) => roles.get(id) ?? []);
      }),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}
