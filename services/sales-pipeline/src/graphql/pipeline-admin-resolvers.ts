import type { Resolvers } from './generated/resolver-types';
import { stageValues } from './stage-input';

/** Live pipeline edits and archiving (crm-admin). */
export const pipelineAdminResolvers: Resolvers = {
  Mutation: {
    updatePipeline: (_, { input }, ctx) =>
      ctx.services.pipelineEditor.update(
        {
          id: input.id,
          name: input.name,
          businessLine: input.businessLine,
          isDefault: input.isDefault ?? false,
          stages: input.stages.map((s) => ({ id: s.id ?? null, ...stageValues(s) })),
          remap: input.remap ?? [],
          expectedVersion: input.expectedVersion,
        },
        ctx.actor,
      ),
    archivePipeline: (_, { id, expectedVersion }, ctx) =>
      ctx.services.pipelineEditor.archive(id, expectedVersion, ctx.actor),
  },
};
