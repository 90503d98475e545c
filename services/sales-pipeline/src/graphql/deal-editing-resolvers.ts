import { dealWorkflowLoaders } from './deal-loaders';
import type { Resolvers } from './generated/resolver-types';

/** A deal's fields, contact roles and ownership. */
export const dealEditingResolvers: Resolvers = {
  Mutation: {
    updateOpportunity: (_, { id, input, expectedVersion }, ctx) =>
      ctx.services.dealEditing.update(id, input, expectedVersion, ctx.actor),
    setOpportunityContactRoles: (_, { id, roles, expectedVersion }, ctx) =>
      ctx.services.dealEditing.setContactRoles(
        id,
        roles.map((r) => ({ contactId: r.contactId, role: r.role, isPrimary: r.isPrimary ?? false })),
        expectedVersion,
        ctx.actor,
        ctx.token,
      ),
    transferOpportunity: (_, { id, newOwnerId, reason }, ctx) =>
      ctx.services.dealEditing.transfer(id, newOwnerId, reason, ctx.actor),
  },
  Opportunity: {
    contactRoles: (deal, _, ctx) => dealWorkflowLoaders(ctx).contactRoles.load(deal.id),
  },
};
