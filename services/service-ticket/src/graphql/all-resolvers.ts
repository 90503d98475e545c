import { mergeResolverMaps } from '@crm/platform/graphql';
import type { TicketContext } from './context';
import type { Resolvers } from './generated/resolver-types';
import { accountComplaintResolvers } from './account-complaint-resolvers';
import { auditResolvers } from './audit-resolvers';
import { assignmentResolvers } from './assignment-resolvers';
import { surveyResolvers } from './survey-resolvers';
import { ticketResolvers } from './ticket-resolvers';
import { slaResolvers } from './sla-resolvers';
import { attachmentResolvers } from './attachment-resolvers';
import { userReferenceResolvers } from './user-reference-resolvers';

/** Each capability's resolvers, merged type by type. A new capability adds its map to this list. */
const modules: Resolvers[] = [
  ticketResolvers,
  auditResolvers,
  surveyResolvers,
  attachmentResolvers,
  accountComplaintResolvers,
  assignmentResolvers,
  slaResolvers,
  userReferenceResolvers,
];

export function allTicketResolvers(): Resolvers {
  return mergeResolverMaps(modules);
}

export type { TicketContext };
