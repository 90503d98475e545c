import type { Resolvers } from './generated/resolver-types';

/** Ticket.survey and Account.lastCsat, each one statement per request (context loaders). */
export const surveyResolvers: Resolvers = {
  SurveyStatus: { SENT: 'sent', ANSWERED: 'answered', EXPIRED: 'expired' },
  Ticket: {
    survey: (ticket, _, ctx) => ctx.loaders.latestSurvey.load(ticket.id),
  },
  Account: {
    lastCsat: (account, _, ctx) => ctx.loaders.accountLastCsat.load(account.id),
  },
};
