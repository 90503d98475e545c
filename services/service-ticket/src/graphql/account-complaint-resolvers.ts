import type { Resolvers } from './generated/resolver-types';

/** Account.openComplaintCount: one statement for every account of the page (the accountOpenComplaints loader). */
export const accountComplaintResolvers: Resolvers = {
  Account: {
    openComplaintCount: (account, _, ctx) => ctx.loaders.accountOpenComplaints.load(account.id),
  },
};
