import { countedConnection, nullWhenNotFound, totalCountResolvers } from '@crm/platform/graphql';
import { isUuid } from '@crm/platform/ids';
import { NotFoundError } from '@crm/platform/errors';
import type { SlaTargetClock } from '../domain/sla-clock';
import type { Resolvers } from './generated/resolver-types';

const minute = 60_000;

/** Breached when computed so, or still running past its deadline (the schedule records it within a tick). */
function isBreached(clock: SlaTargetClock, now: Date): boolean {
  return clock.state === 'breached' || (clock.state === 'running' && !!clock.deadline && clock.deadline <= now);
}

/** The SLA engine in the graph: calendars and policies (read by service staff, edited by crm-admin), Ticket.sla. */
export const slaResolvers: Resolvers = {
  SlaTarget: { FIRST_RESPONSE: 'firstResponse', NEXT_RESPONSE: 'nextResponse', RESOLUTION: 'resolution' },
  SlaTargetState: {
    NOT_APPLICABLE: 'not_applicable',
    RUNNING: 'running',
    PAUSED: 'paused',
    MET: 'met',
    BREACHED: 'breached',
  },
  SlaGrade: { A: 'A', B: 'B', C: 'C', NONE: 'none' },
  SlaState: { ON_TRACK: 'on_track', AT_RISK: 'at_risk', BREACHED: 'breached' },
  Query: {
    businessCalendars: async (_, { first, after }, ctx) =>
      countedConnection(await ctx.services.calendars.list({ first, after }, ctx.actor), ctx.services.exactCountUpTo),
    businessCalendar: (_, { id }, ctx) =>
      isUuid(id) ? nullWhenNotFound(ctx.services.calendars.get(id, ctx.actor)) : null,
    slaPolicies: async (_, { first, after }, ctx) =>
      countedConnection(await ctx.services.slaPolicies.list({ first, after }, ctx.actor), ctx.services.exactCountUpTo),
    slaPolicy: (_, { id }, ctx) => (isUuid(id) ? nullWhenNotFound(ctx.services.slaPolicies.get(id, ctx.actor)) : null),
  },
  Mutation: {
    defineBusinessCalendar: (_, { input }, ctx) => ctx.services.calendars.define(input, ctx.actor),
    updateBusinessCalendar: (_, { id, expectedVersion, input }, ctx) =>
      ctx.services.calendars.update(id, expectedVersion, input, ctx.actor),
    defineSlaPolicy: (_, { input }, ctx) => ctx.services.slaPolicies.define(input, ctx.actor),
    updateSlaPolicy: (_, { id, expectedVersion, input }, ctx) =>
      ctx.services.slaPolicies.update(id, expectedVersion, input, ctx.actor),
    setDefaultSlaPolicy: (_, { id, expectedVersion }, ctx) =>
      ctx.services.slaPolicies.setDefault(id, expectedVersion, ctx.actor),
  },
  BusinessCalendarConnection: totalCountResolvers,
  SlaPolicyConnection: totalCountResolvers,
  SlaPolicy: {
    calendar: async (policy, _, ctx) => {
      const calendar = await ctx.loaders.businessCalendar.load(policy.calendarId);
      if (!calendar) throw new NotFoundError('business calendar', policy.calendarId);
      return calendar;
    },
  },
  Ticket: {
    sla: (ticket, _, ctx) => ctx.loaders.ticketSla.load(ticket.id),
  },
  TicketSla: {
    policy: async (sla, _, ctx) => {
      const policy = await ctx.loaders.slaPolicy.load(sla.policyId);
      if (!policy) throw new NotFoundError('SLA policy', sla.policyId);
      return policy;
    },
    firstResponse: (sla) => sla.clock.firstResponse,
    nextResponse: (sla) => sla.clock.nextResponse,
    resolution: (sla) => sla.clock.resolution,
  },
  SlaTargetClock: {
    elapsedBusinessMinutes: (clock) => clock.elapsedBusinessMillis / minute,
    targetBusinessMinutes: (clock) => clock.targetMillis / minute,
    breached: (clock) => isBreached(clock, new Date()),
    atRisk: (clock) => {
      const now = new Date();
      return clock.state === 'running' && !!clock.warningAt && clock.warningAt <= now && !isBreached(clock, now);
    },
  },
};
