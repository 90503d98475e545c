import { mergeResolverMaps } from '@crm/platform/graphql';
import type { SalesContext } from './context';
import type { Resolvers } from './generated/resolver-types';
import { auditResolvers } from './audit-resolvers';
import { leadAssignmentResolvers } from './lead-assignment-resolvers';
import { leadConversionResolvers } from './lead-conversion-resolvers';
import { leadResolvers } from './lead-resolvers';
import { opportunityResolvers } from './opportunity-resolvers';
import { pipelineResolvers } from './pipeline-resolvers';
import { webFormResolvers } from './web-form-resolvers';

/** Each capability's resolvers, merged type by type. A new capability adds its map to this list. */
const modules: Resolvers[] = [
  pipelineResolvers,
  opportunityResolvers,
  auditResolvers,
  leadResolvers,
  leadAssignmentResolvers,
  leadConversionResolvers,
  webFormResolvers,
];

export function salesResolvers(): Resolvers {
  return mergeResolverMaps(modules);
}

export type { SalesContext };
