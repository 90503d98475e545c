import { countedConnection, totalCountResolvers } from '@crm/platform/graphql';
import { parsePeriod, parseScope, parseTeamId } from '../application/forecast-request';
import { periodOf, type PeriodKind } from '../domain/fiscal-period';
import { money, roundMoney, type Money } from '../domain/money';
import type { SalesContext } from './context';
import type { Resolvers } from './generated/resolver-types';

const asMoney = (m: Money) => ({ amount: m.amount, currencyCode: m.currency });
const period = (input: { kind: PeriodKind; start: string }, ctx: SalesContext, path?: string[]) =>
  parsePeriod(input, ctx.services.forecasts.fiscalYearStartMonth, path);

/** Forecasts by rep and team, managers' adjustments, their recorded snapshots, and quotas. */
export const forecastResolvers: Resolvers = {
  PeriodKind: { MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' },
  ForecastSnapshotReason: { REQUESTED: 'requested', ADJUSTMENT: 'adjustment' },
  Query: {
    forecast: (_, args, ctx) =>
      ctx.services.forecasts.compute(parseScope(args.scope), period(args.period, ctx), ctx.actor),
    forecastSnapshots: async (_, args, ctx) =>
      countedConnection(
        await ctx.services.forecastSnapshots.history(
          parseScope(args.scope),
          period(args.period, ctx),
          ctx.actor,
          args.first,
          args.after,
        ),
        ctx.services.exactCountUpTo,
      ),
    quotas: async (_, args, ctx) =>
      countedConnection(
        await ctx.services.quotas.list(
          { ownerId: args.ownerId, teamId: args.teamId, period: args.period ? period(args.period, ctx) : null },
          args.first,
          args.after,
          ctx.actor,
        ),
        ctx.services.exactCountUpTo,
      ),
  },
  Mutation: {
    recordForecastSnapshot: (_, args, ctx) =>
      ctx.services.forecastSnapshots.request(
        parseScope(args.scope),
        period(args.period, ctx),
        ctx.actor,
        args.idempotencyKey,
      ),
    adjustTeamForecast: (_, args, ctx) =>
      ctx.services.forecastAdjustments.adjust(
        parseTeamId(args.teamId, ['teamId']),
        period(args.period, ctx),
        { commit: args.commit, bestCase: args.bestCase, note: args.note },
        ctx.actor,
      ),
    setQuota: (_, args, ctx) =>
      ctx.services.quotas.set(
        args.ownerId,
        parseTeamId(args.teamId, ['teamId']),
        period(args.period, ctx),
        args.amount,
        ctx.actor,
      ),
  },
  Forecast: {
    scope: (f) => f.scope,
  },
  ForecastScope: {
    ownerId: (s) => (s.kind === 'owner' ? s.id : null),
    teamId: (s) => (s.kind === 'team' ? s.id : null),
  },
  ForecastFigures: {
    closed: (f) => asMoney(f.closed),
    commit: (f) => asMoney(f.commit),
    bestCase: (f) => asMoney(f.bestCase),
    pipeline: (f) => asMoney(f.pipeline),
    weightedPipeline: (f) => asMoney(f.weightedPipeline),
  },
  RepForecast: {
    quota: (r) => (r.quota ? asMoney(r.quota) : null),
  },
  TeamForecast: {
    quota: (t) => (t.quota ? asMoney(t.quota) : null),
  },
  ForecastAdjustment: {
    commit: (a) => asMoney(a.commit),
    bestCase: (a) => asMoney(a.bestCase),
    adjustedBy: (a) => a.by,
    adjustedAt: (a) => a.at,
  },
  Quota: {
    period: (q, _, ctx) => periodOf(q.periodStart, q.periodKind, ctx.services.forecasts.fiscalYearStartMonth),
    amount: (q) => asMoney(roundMoney(money(q.amount, q.currency))),
  },
  ForecastSnapshotConnection: totalCountResolvers,
  QuotaConnection: totalCountResolvers,
};
