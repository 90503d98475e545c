import type { GraphQLResolveInfo, GraphQLScalarType } from 'graphql';

/** A field resolver with any parent and arguments, over the subgraph's context. */
type FieldResolver<TContext> = (parent: never, args: never, context: TContext, info: GraphQLResolveInfo) => unknown;

/** __resolveReference and __isTypeOf: called with the reference (or object), the context and the info, no arguments. */
type TypeResolver<TContext> = (reference: never, context: TContext, info: GraphQLResolveInfo) => unknown;

type TypeMember<TContext> =
  | FieldResolver<TContext>
  | TypeResolver<TContext>
  | { resolve?: FieldResolver<TContext>; subscribe?: FieldResolver<TContext> }
  // An enum value's internal value.
  | string
  | number
  | undefined;

/**
 * A subgraph's resolver map as buildSubgraphSchema reads it: per type, its members (field resolvers, federation
 * entries, enum internal values) or a scalar. A service's graphql-codegen `Resolvers<Context>` is one; Apollo's
 * GraphQLResolverMap is not, since it types __resolveReference like a field resolver (parent, args, context).
 */
export interface SubgraphResolverMap<TContext> {
  [typeName: string]: GraphQLScalarType | { [member: string]: TypeMember<TContext> } | undefined;
}
