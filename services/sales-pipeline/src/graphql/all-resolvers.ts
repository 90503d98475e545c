import { mergeResolverMaps } from '@crm/platform/graphql';
import type { SalesContext } from './context';
import type { Resolvers } from './generated/resolver-types';
import { auditResolvers } from './audit-resolvers';
import { contractResolvers } from './contract-resolvers';
import { opportunityResolvers } from './opportunity-resolvers';
import { pipelineResolvers } from './pipeline-resolvers';
import { priceBookResolvers } from './price-book-resolvers';
import { quoteResolvers } from './quote-resolvers';

/** Each capability's resolvers, merged type by type. A new capability adds its map to this list. */
const modules: Resolvers[] = [
  pipelineResolvers,
  opportunityResolvers,
  auditResolvers,
  priceBookResolvers,
  quoteResolvers,
  contractResolvers,
];

export function salesResolvers(): Resolvers {
  return mergeResolverMaps(modules);
}

export type { SalesContext };
