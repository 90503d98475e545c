import { NotFoundError } from '@crm/platform/errors';
import { childConnection, countedConnection, scalarResolvers, totalCountResolvers } from '@crm/platform/graphql';
import { isUuid } from '@crm/platform/ids';
import type { Resolvers } from './generated/resolver-types';

/** Leads, and the Account they extend with `leads` (those converted into it). */
export const leadResolvers: Resolvers = {
  ...scalarResolvers,
  LeadStatus: {
    NEW: 'new',
    WORKING: 'working',
    QUALIFIED: 'qualified',
    CONVERTED: 'converted',
    DISQUALIFIED: 'disqualified',
  },
  LeadSource: { GRAPHQL: 'graphql', WEB_FORM: 'web_form', IMPORT: 'import' },
  DisqualifyReason: {
    NO_BUDGET: 'no_budget',
    NO_NEED: 'no_need',
    NO_AUTHORITY: 'no_authority',
    BAD_TIMING: 'bad_timing',
    COMPETITOR_CHOSEN: 'competitor_chosen',
    UNREACHABLE: 'unreachable',
    DUPLICATE: 'duplicate',
    SPAM: 'spam',
    OTHER: 'other',
  },
  Query: {
    lead: async (_, { id }, ctx) => {
      if (!isUuid(id)) return null;
      // FORBIDDEN for a lead the caller may not see, so the page can say so; null when there is none.
      return ctx.services.leads.get(id, ctx.actor).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
    },
    leads: async (_, { filter, first, after }, ctx) =>
      countedConnection(
        await ctx.services.leads.list(filter ?? {}, first, after, ctx.actor),
        ctx.services.exactCountUpTo,
      ),
  },
  Mutation: {
    createLead: (_, { input }, ctx) => ctx.services.leadCapture.create(input, ctx.actor),
    updateLead: (_, { id, input }, ctx) => ctx.services.leads.update(id, input, ctx.actor),
    qualifyLead: (_, { id }, ctx) => ctx.services.leads.transition(id, 'qualified', {}, ctx.actor),
    disqualifyLead: (_, { id, reason, note }, ctx) =>
      ctx.services.leads.transition(id, 'disqualified', { reason, note }, ctx.actor),
    assignLead: (_, { id, ownerId, teamId }, ctx) => ctx.services.leads.assign(id, ownerId, teamId, ctx.actor),
  },
  LeadConnection: totalCountResolvers,
  Account: {
    leads: async (account, args, ctx) =>
      childConnection(await ctx.loaders.accountLeads(account, args), () => ctx.loaders.accountLeadCounts(account)),
  },
  Lead: {
    __resolveReference: (ref, ctx) => ctx.loaders.lead.load(ref.id),
  },
};
