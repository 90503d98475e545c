import { connection } from '@crm/platform/graphql';
import { idleStatus } from '../domain/stage-history';
import { dealWorkflowLoaders } from './deal-loaders';
import type { Resolvers } from './generated/resolver-types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Stage moves, reopening, the stage history of a deal and the cycle-time report. */
export const stageMoveResolvers: Resolvers = {
  Query: {
    stageCycleTimes: (_, { pipelineId, from, to }, ctx) =>
      ctx.services.stageHistory.cycleTimes(pipelineId, from, to, ctx.actor),
  },
  Mutation: {
    moveOpportunityStage: (_, { input }, ctx) =>
      ctx.services.stageMoves.move(
        {
          id: input.id,
          stageId: input.stageId,
          expectedVersion: input.expectedVersion,
          fields: input.fields,
          lossReason: input.lossReason,
        },
        ctx.actor,
      ),
    reopenOpportunity: (_, { input }, ctx) =>
      ctx.services.stageMoves.reopen({ id: input.id, stageId: input.stageId, reason: input.reason }, ctx.actor),
  },
  Opportunity: {
    stageHistory: async (deal, args, ctx) => connection(await dealWorkflowLoaders(ctx).stageHistory(deal, args)),
    daysInStage: (deal) => Math.max(0, Math.floor((Date.now() - deal.stageEnteredAt.getTime()) / DAY_MS)),
    isIdle: async (deal, _, ctx) => {
      if (deal.status !== 'open') return false;
      const stage = await ctx.loaders.stage.load(deal.stageId);
      return idleStatus(
        {
          lastStageMoveAt: deal.stageEnteredAt,
          lastActivityAt: deal.lastActivityAt,
          idleDays: stage?.idleDays ?? null,
        },
        new Date(),
      ).idle;
    },
  },
  StageHistoryEntry: {
    fromStage: (entry, _, ctx) => (entry.fromStageId ? ctx.loaders.stage.load(entry.fromStageId) : null),
    toStage: async (entry, _, ctx) => (await ctx.loaders.stage.load(entry.toStageId))!,
  },
  StageCycleTimes: {
    pipeline: async (report, _, ctx) => (await ctx.loaders.pipeline.load(report.pipelineId))!,
  },
  StageCycleTime: {
    stage: async (row, _, ctx) => (await ctx.loaders.stage.load(row.stageId))!,
  },
};
