import { GraphQLScalarType } from 'graphql';

/**
 * Each capability's resolver map, merged type by type (Query from every module, Account from two, ...). Scalars are
 * objects too, but never split across modules: they are kept whole.
 */
export function mergeResolverMaps<R extends object>(modules: readonly R[]): R {
  const merged: Record<string, unknown> = {};
  for (const module of modules) {
    for (const [type, fields] of Object.entries(module)) {
      merged[type] =
        fields instanceof GraphQLScalarType || typeof fields !== 'object' || fields === null
          ? fields
          : { ...(merged[type] as object | undefined), ...(fields as object) };
    }
  }
  return merged as R;
}
