import DataLoader from 'dataloader';
import type { CompanySize, LifecycleStage } from '../domain/account';
import { suggestGrade } from '../domain/grading-rules';
import type { CustomerContext } from './context';
import type { Resolvers } from './generated/resolver-types';

// One count query for all the accounts of a response, per request (no N+1 over a list).
const recentActivityLoaders = new WeakMap<CustomerContext, DataLoader<string, number>>();

function recentActivities(ctx: CustomerContext): DataLoader<string, number> {
  let loader = recentActivityLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader<string, number>(async (ids) => {
      const rows: { account_id: string; n: number }[] = await ctx.services.dataSource.query(
        `SELECT account_id, count(*)::int AS n FROM activities
          WHERE account_id = ANY($1::uuid[]) AND occurred_at > now() - interval '90 days' GROUP BY account_id`,
        [ids],
      );
      const counts = new Map(rows.map((r) => [r.account_id, r.n]));
      return ids.map((id) => counts.get(id) ?? 0);
    });
    recentActivityLoaders.set(ctx, loader);
  }
  return loader;
}

export const gradingResolvers: Resolvers = {
  Account: {
    gradeSuggestion: async (row, _, ctx) =>
      suggestGrade({
        size: row.size as CompanySize | null,
        lifecycleStage: row.lifecycleStage as LifecycleStage,
        activitiesLast90Days: await recentActivities(ctx).load(row.id),
        wonDealsValue: '0',
      }),
  },
};
