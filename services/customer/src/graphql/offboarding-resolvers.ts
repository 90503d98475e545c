import { PreconditionError } from '@crm/platform/errors';
import type { Resolvers } from './generated/resolver-types';

/** offboardUser: crm-admin hands a user's accounts over (the service checks the role). */
export const offboardingResolvers: Resolvers = {
  Mutation: {
    offboardUser: (_, { userId }, ctx) => {
      const offboarding = ctx.services.offboarding;
      if (!offboarding) throw new PreconditionError('offboarding is not configured: no Keycloak admin API access');
      return offboarding.offboardUser(userId, ctx.actor);
    },
  },
};
