import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

export type FragmentMap = ReadonlyMap<string, FragmentDefinitionNode>;

export function fragmentsOf(document: DocumentNode): FragmentMap {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * The operations the limits measure: the one named by operationName, else every operation of the document.
 * Measuring all when the choice is ambiguous is conservative; the engine rejects the ambiguity itself.
 */
export function operationsToMeasure(
  document: DocumentNode,
  operationName: string | undefined,
): OperationDefinitionNode[] {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const named = operationName ? operations.filter((o) => o.name?.value === operationName) : [];
  return named.length ? named : operations;
}
