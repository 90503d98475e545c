import { mergeResolverMaps } from '@crm/platform/graphql';
import type { CustomerContext } from './context';
import type { Resolvers } from './generated/resolver-types';
import { resolvers as coreResolvers } from './resolvers';
import { gradingResolvers } from './grading-resolvers';
import { auditResolvers } from './audit-resolvers';
import { customFieldResolvers } from './custom-field-resolvers';
import { offboardingResolvers } from './offboarding-resolvers';
import { poolResolvers } from './pool-resolvers';
import { sharingResolvers } from './sharing-resolvers';
import { userResolvers } from './user-resolvers';
import { savedViewResolvers } from './saved-view-resolvers';
import { bulkActionResolvers } from './bulk-action-resolvers';
import { timelineResolvers } from './timeline-resolvers';
import { ticketAccountLookupResolvers } from './ticket-account-lookup-resolvers';

/** Each capability's resolvers, merged type by type. A new capability adds its map to this list. */
const modules: Resolvers[] = [
  coreResolvers,
  customFieldResolvers,
  auditResolvers,
  offboardingResolvers,
  sharingResolvers,
  poolResolvers,
  gradingResolvers,
  userResolvers,
  savedViewResolvers,
  bulkActionResolvers,
  timelineResolvers,
  ticketAccountLookupResolvers,
];

export function customerResolvers(): Resolvers {
  return mergeResolverMaps(modules);
}

export type { CustomerContext };
