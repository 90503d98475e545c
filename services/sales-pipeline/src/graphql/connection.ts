import type { Connection, CountedConnection } from '@crm/platform/graphql';
import type { OpportunityRow } from '../db/opportunity.entity';

/** What the resolvers of the counted connection types really return (the mappers of the generated resolver types). */
export type OpportunityCountedConnection = CountedConnection<OpportunityRow>;

/** A board column's page of deals (no total: the column's count says it). */
export type OpportunityPageConnection = Connection<OpportunityRow>;
