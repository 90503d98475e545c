import { countedConnection, totalCountResolvers } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';
import { stageValues } from './stage-input';

/** Pipelines and stages: read by everyone in sales, created by crm-admin. */
export const pipelineResolvers: Resolvers = {
  StageKind: { OPEN: 'open', WON: 'won', LOST: 'lost' },
  ForecastCategory: {
    PIPELINE: 'pipeline',
    BEST_CASE: 'best_case',
    COMMIT: 'commit',
    CLOSED: 'closed',
    OMITTED: 'omitted',
  },
  Query: {
    pipelines: async (_, { first, after }, ctx) =>
      countedConnection(await ctx.services.pipelines.list(first, after), ctx.services.exactCountUpTo),
    pipeline: (_, { id }, ctx) => ctx.loaders.pipeline.load(id),
  },
  Mutation: {
    createPipeline: (_, { input }, ctx) =>
      ctx.services.pipelines.create(
        {
          name: input.name,
          businessLine: input.businessLine,
          isDefault: input.isDefault ?? false,
          stages: input.stages.map(stageValues),
          idempotencyKey: input.idempotencyKey,
        },
        ctx.actor,
      ),
  },
  PipelineConnection: totalCountResolvers,
  Pipeline: {
    __resolveReference: (ref, ctx) => ctx.loaders.pipeline.load(ref.id),
    stages: (pipeline, _, ctx) => ctx.loaders.pipelineStages.load(pipeline.id),
  },
  Stage: {
    __resolveReference: (ref, ctx) => ctx.loaders.stage.load(ref.id),
  },
};
