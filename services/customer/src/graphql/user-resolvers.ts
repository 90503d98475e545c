import { Roles } from '@crm/platform/auth';
import { connection, countedConnection, redact, totalCountResolvers } from '@crm/platform/graphql';
import type { Resolvers } from './generated/resolver-types';

/** The `User` entity and the user and team queries (application/user-profiles.ts reads Keycloak through a cache). */
export const userResolvers: Resolvers = {
  Query: {
    me: (_, __, ctx) => ctx.loaders.user.load(ctx.actor.id),
    users: async (_, args, ctx) => connection(await ctx.services.users.search(args)),
    teams: async (_, { first, after }, ctx) =>
      countedConnection(await ctx.services.users.teamsPage(first, after), ctx.services.exactCountUpTo),
  },
  TeamConnection: totalCountResolvers,
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
    teams: async (user, _, ctx) =>
      (await Promise.all(user.teamIds.map((id) => ctx.loaders.team.load(id)))).filter((team) => team !== null),
    email: (user, _, ctx) =>
      ctx.actor.roles.includes(Roles.admin) ? user.email : redact(ctx, { type: 'User', id: user.id, field: 'email' }),
  },
  Team: {
    __resolveReference: (ref, ctx) => ctx.loaders.team.load(ref.id),
    managers: (team, _, ctx) => Promise.all(team.managerIds.map((id) => ctx.loaders.user.load(id))),
  },
  Account: {
    owner: (row, _, ctx) => (row.ownerId ? ctx.loaders.user.load(row.ownerId) : null),
  },
};
