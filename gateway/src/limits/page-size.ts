import { Kind, type FieldNode, type OperationDefinitionNode, type ValueNode } from 'graphql';

/** Arguments whose value says how many items a list field returns. */
export const PAGE_SIZE_ARGUMENTS: readonly string[] = ['first', 'last', 'limit'];

/** The page size assumed for a connection queried without one, or with one that cannot be resolved. */
export const DEFAULT_PAGE_SIZE = 20;

export type Variables = Readonly<Record<string, unknown>>;

/**
 * How many times a field's selection is paid for: its largest first/last/limit argument (variables resolved);
 * DEFAULT_PAGE_SIZE when the argument is absent on a connection or present but unresolvable; 1 otherwise.
 */
export function pageSizeOf(
  field: FieldNode,
  isConnection: boolean,
  operation: OperationDefinitionNode,
  variables: Variables,
): number {
  const sizeArguments = (field.arguments ?? []).filter((a) => PAGE_SIZE_ARGUMENTS.includes(a.name.value));
  if (!sizeArguments.length) return isConnection ? DEFAULT_PAGE_SIZE : 1;
  const sizes = sizeArguments.map((a) => resolveInt(a.value, operation, variables));
  if (sizes.some((s) => s === undefined)) return DEFAULT_PAGE_SIZE;
  return Math.max(0, ...(sizes as number[]));
}

function resolveInt(value: ValueNode, operation: OperationDefinitionNode, variables: Variables): number | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  const provided = variables[name];
  if (typeof provided === 'number' && Number.isInteger(provided)) return provided;
  if (provided !== undefined && provided !== null) return undefined;
  const definition = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
  return definition?.defaultValue?.kind === Kind.INT ? Number.parseInt(definition.defaultValue.value, 10) : undefined;
}
