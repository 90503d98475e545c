import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { FragmentMap } from './operation-document';
import { pageSizeOf, type Variables } from './page-size';

/**
 * The cost of an operation: every field costs 1, and a field with a page size (first/last/limit, or a connection
 * without one) multiplies the cost of its selection by that size. The schema, when given, tells which fields return
 * a connection (type name ending in "Connection"); without it, a selection of `edges` or `nodes` does.
 */
export function measureCost(
  operation: OperationDefinitionNode,
  fragments: FragmentMap,
  variables: Variables,
  schema?: GraphQLSchema,
): number {
  const memo = new Map<string, number>();
  const onPath = new Set<string>();

  const costOf = (selectionSet: SelectionSetNode | undefined, parentType: GraphQLNamedType | undefined): number => {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          total += fieldCost(selection, parentType);
          break;
        case Kind.INLINE_FRAGMENT:
          total += costOf(selection.selectionSet, typeNamed(selection.typeCondition?.name.value) ?? parentType);
          break;
        case Kind.FRAGMENT_SPREAD:
          total += fragmentCost(selection.name.value);
          break;
      }
    }
    return capped(total);
  };

  const fieldCost = (field: FieldNode, parentType: GraphQLNamedType | undefined): number => {
    if (!field.selectionSet) return 1;
    const returnType = returnTypeOf(field, parentType);
    const size = pageSizeOf(field, isConnection(field, returnType), operation, variables);
    return capped(1 + size * costOf(field.selectionSet, returnType));
  };

  const fragmentCost = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || onPath.has(name)) return 0;
    onPath.add(name);
    const cost = costOf(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value));
    onPath.delete(name);
    memo.set(name, cost);
    return cost;
  };

  const typeNamed = (name: string | undefined): GraphQLNamedType | undefined =>
    name === undefined ? undefined : schema?.getType(name);

  return costOf(operation.selectionSet, schema?.getRootType(operation.operation) ?? undefined);
}

function returnTypeOf(field: FieldNode, parentType: GraphQLNamedType | undefined): GraphQLNamedType | undefined {
  if (!parentType || !(isObjectType(parentType) || isInterfaceType(parentType))) return undefined;
  const definition = parentType.getFields()[field.name.value];
  return definition ? getNamedType(definition.type) : undefined;
}

function isConnection(field: FieldNode, returnType: GraphQLNamedType | undefined): boolean {
  if (returnType) return returnType.name.endsWith('Connection');
  return (field.selectionSet?.selections ?? []).some(
    (s) => s.kind === Kind.FIELD && (s.name.value === 'edges' || s.name.value === 'nodes'),
  );
}

function capped(cost: number): number {
  return Math.min(cost, Number.MAX_SAFE_INTEGER);
}
