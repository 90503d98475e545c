import { isUuid } from '@crm/platform/ids';
import type { Resolvers } from './generated/resolver-types';

type UserReference = { __typename: 'User'; id: string };

/** A federation stub: the customer subgraph resolves the rest of the User from this id. */
function user(id: string): UserReference {
  return { __typename: 'User', id };
}

/** A stub for an actor column, null when empty or not a person's id (a service account's client id, 'system'). */
function person(id: string | null | undefined): UserReference | null {
  return id && isUuid(id) ? user(id) : null;
}

/** The people sales types name, as User references (see users.graphql), so readers see names rather than ids. */
export const userReferenceResolvers: Resolvers = {
  Opportunity: {
    owner: (deal) => user(deal.ownerId),
  },
  Lead: {
    owner: (lead) => person(lead.ownerId),
  },
  Quote: {
    submittedByUser: (quote) => person(quote.submittedBy),
    decidedByUser: (quote) => person(quote.decidedBy),
    createdByUser: (quote) => person(quote.createdBy),
  },
  RepForecast: {
    owner: (rep) => user(rep.ownerId),
  },
  ForecastAdjustment: {
    adjustedByUser: (adjustment) => person(adjustment.by),
  },
  ForecastSnapshot: {
    computedByUser: (snapshot) => person(snapshot.computedBy),
  },
  Quota: {
    owner: (quota) => user(quota.ownerId),
    setByUser: (quota) => person(quota.setBy),
  },
  StageHistoryEntry: {
    movedByUser: (entry) => person(entry.movedBy),
  },
  Contract: {
    owner: (contract) => user(contract.ownerId),
  },
  Payment: {
    recordedByUser: (payment) => (payment.source === 'receipt' ? person(payment.caller) : null),
  },
  ReceivableLine: {
    owner: (line) => user(line.ownerId),
  },
  ExchangeRate: {
    recordedByUser: (rate) => person(rate.recordedBy),
  },
  LeadAssignmentRule: {
    memberUsers: (rule) => rule.members.map(user),
  },
};
