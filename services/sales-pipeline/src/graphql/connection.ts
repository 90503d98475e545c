import type { CountedConnection } from '@crm/platform/graphql';
import type { LeadRow } from '../db/lead-rows';
import type { OpportunityRow } from '../db/opportunity.entity';

/** What the resolvers of the counted connection types really return (the mappers of the generated resolver types). */
export type OpportunityCountedConnection = CountedConnection<OpportunityRow>;
export type LeadCountedConnection = CountedConnection<LeadRow>;
