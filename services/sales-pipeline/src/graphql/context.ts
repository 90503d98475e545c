import DataLoader from 'dataloader';
import type { Actor } from '@crm/platform/auth';
import {
  byIdLoader as byId,
  childCountsLoader as childCounts,
  childPagesLoader as childPages,
  type ChildCounts,
  type ChildPages,
  type RedactionContext,
} from '@crm/platform/graphql';
import type { PaymentPlanView } from '../application/payment-plan-service';
import type { SalesServices } from '../application/sales-services';
import { accountFactsFor } from '@crm/platform/customer-accounts';
import type { LeadRow } from '../db/lead-rows';
import type { OpportunityRow } from '../db/opportunity.entity';
import type { PipelineRow, StageRow } from '../db/pipeline.entity';
import type { AccountFacts } from '../policy/deal-access';
import { commercialLoaders, type CommercialLoaders } from './commercial-loaders';

/** An Account as this subgraph knows it: only its key (the customer service resolves the rest). */
export interface AccountReference {
  id: string;
}

export interface SalesLoaders {
  opportunity: DataLoader<string, OpportunityRow | null>;
  pipeline: DataLoader<string, PipelineRow | null>;
  stage: DataLoader<string, StageRow | null>;
  pipelineStages: DataLoader<string, StageRow[]>;
  /** What the customer service's events say about an account, for this caller (null: not heard of yet). */
  accountFacts: DataLoader<string, AccountFacts | null>;
  accountOpportunities: ChildPages<AccountReference, OpportunityRow>;
  accountOpportunityCounts: ChildCounts<AccountReference>;
  /** Contracts' payment plans (who may see them is the resolver's check). */
  paymentPlan: DataLoader<string, PaymentPlanView | null>;
  lead: DataLoader<string, LeadRow | null>;
  accountLeads: ChildPages<AccountReference, LeadRow>;
  accountLeadCounts: ChildCounts<AccountReference>;
}

/** Per request: who asks (and their token, for the calls this subgraph makes on their behalf), fresh loaders. */
export interface SalesContext extends RedactionContext {
  actor: Actor;
  /** The caller's bearer token, forwarded to the customer service so it applies its own rules to the same caller. */
  token: string;
  services: SalesServices;
  loaders: SalesLoaders;
  /** Price book, line items, quotes and contracts (commercial-loaders.ts). */
  commercial: CommercialLoaders;
}

export function createContext(services: SalesServices, actor: Actor, token: string): SalesContext {
  return {
    actor,
    token,
    services,
    redactedFields: new Set(),
    commercial: commercialLoaders(services, actor),
    loaders: {
      opportunity: byId((ids) => services.opportunities.batchGet(ids, actor)),
      pipeline: byId((ids) => services.pipelines.batchGet(ids)),
      stage: byId((ids) => services.pipelines.batchGetStages(ids)),
      pipelineStages: new DataLoader(async (ids) => {
        const stages = await services.pipelines.stagesOf(ids);
        return ids.map((id) => stages.get(id) ?? []);
      }),
      accountFacts: new DataLoader(async (ids) => {
        const facts = await accountFactsFor(services.dataSource.manager, actor, ids);
        return ids.map((id) => facts.get(id) ?? null);
      }),
      accountOpportunities: childPages((parents, first, after) =>
        services.opportunities.pagesByAccount(
          parents.map((p) => p.id),
          first,
          after,
          actor,
        ),
      ),
      accountOpportunityCounts: childCounts((parents) =>
        services.opportunities.countsByAccount(
          parents.map((p) => p.id),
          actor,
        ),
      ),
      paymentPlan: new DataLoader((ids) => services.paymentPlans.readPlans(ids, actor)),
      lead: byId((ids) => services.leads.batchGet(ids, actor)),
      accountLeads: childPages((parents, first, after) =>
        services.leads.pagesByAccount(
          parents.map((p) => p.id),
          first,
          after,
          actor,
        ),
      ),
      accountLeadCounts: childCounts((parents) =>
        services.leads.countsByAccount(
          parents.map((p) => p.id),
          actor,
        ),
      ),
    },
  };
}
