import { connection } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** The kanban board and its columns' further pages. */
export const pipelineBoardResolvers: Resolvers = {
  Query: {
    pipelineBoard: (_, { pipelineId, filter, perColumn }, ctx) =>
      ctx.services.boards.board(pipelineId, filter ?? {}, perColumn, ctx.actor),
    stageDeals: async (_, { stageId, filter, first, after }, ctx) =>
      connection(await ctx.services.boards.stageDeals(stageId, filter ?? {}, first, after, ctx.actor)),
  },
  PipelineBoardColumn: {
    deals: (column) => connection(column.deals),
    total: (column) => column.total && { amount: column.total.amount, currencyCode: column.total.currency },
  },
};
