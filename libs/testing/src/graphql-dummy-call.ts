import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** A well-typed value for an input type: the smallest one that passes GraphQL validation (required fields only). */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) out[field.name] = sampleValue(field.type);
    }
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date().toISOString();
      case 'Date':
        return '2026-01-01';
      case 'JSON':
      case '_Any':
        return { __typename: 'Account', id: randomUUID() };
      default:
        return 'x';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/**
 * A call of one root field with made-up but valid arguments, selecting only `__typename`: enough to reach the
 * field's access rule, which runs before the resolver looks at the arguments.
 */
export function dummyCall(
  schema: GraphQLSchema,
  operation: string,
): { query: string; variables: Record<string, unknown> } {
  const [typeName, fieldName] = operation.split('.');
  const rootType = typeName === 'Mutation' ? schema.getMutationType() : schema.getQueryType();
  const field = rootType?.getFields()[fieldName] as GraphQLField<unknown, unknown> | undefined;
  if (!field) throw new Error(`${operation} is not in the schema`);
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const variables = Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type)]));
  const declarations = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
  const keyword = typeName === 'Mutation' ? 'mutation' : 'query';
  return {
    query: `${keyword}${declarations ? `(${declarations})` : ''} { ${fieldName}${args ? `(${args})` : ''}${selection} }`,
    variables,
  };
}
