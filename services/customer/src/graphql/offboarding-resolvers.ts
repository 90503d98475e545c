import { PreconditionError } from '@crm/platform/errors';
import type { OffboardingResult } from '../application/offboarding-service';
import type { CustomerContext } from './context';

/** offboardUser: crm-admin hands a user's accounts over (the service checks the role). */
export const offboardingResolvers = {
  Mutation: {
    offboardUser: async (_: unknown, args: { userId: string }, ctx: CustomerContext): Promise<OffboardingResult> => {
      const offboarding = ctx.services.offboarding;
      if (!offboarding) throw new PreconditionError('offboarding is not configured: no Keycloak admin API access');
      return offboarding.offboardUser(args.userId, ctx.actor);
    },
  },
};
