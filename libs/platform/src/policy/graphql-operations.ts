import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { checkOperation, type AccessRule, type Caller } from './access-rule';

/** `Query.account`, `Mutation.createAccount`, ...: every root field of the schema, federation's included. */
export function graphqlRootOperations(schema: GraphQLSchema): string[] {
  const operations: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (type) for (const field of Object.keys(type.getFields())) operations.push(`${type.name}.${field}`);
  }
  return operations;
}

/**
 * Puts the policy table in front of every root field of the schema: a field without a rule, or a caller the rule
 * does not admit, gets FORBIDDEN before its resolver runs. Nested fields are reached only through a root field.
 */
export function enforceGraphqlPolicy<TContext>(
  schema: GraphQLSchema,
  rules: Readonly<Record<string, AccessRule>>,
  callerOf: (context: TContext) => Caller | null,
): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const operation = `${type.name}.${field.name}`;
      const rule = rules[operation];
      const resolve: GraphQLFieldResolver<unknown, TContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        checkOperation(operation, rule, callerOf(context));
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
