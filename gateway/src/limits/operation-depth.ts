import { Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { FragmentMap } from './operation-document';

/**
 * The deepest field nesting of an operation: `{ a { b } }` is 2. Fragment spreads and inline fragments add no depth
 * of their own. A fragment cycle (invalid, rejected later by validation) is not followed; fragment depths are
 * memoised so a document of fragments spreading each other many times costs linear time, not exponential.
 */
export function measureDepth(operation: OperationDefinitionNode, fragments: FragmentMap): number {
  const memo = new Map<string, number>();
  const onPath = new Set<string>();

  const depthOf = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
          break;
        case Kind.INLINE_FRAGMENT:
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
          break;
        case Kind.FRAGMENT_SPREAD:
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
          break;
      }
    }
    return deepest;
  };

  const fragmentDepth = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || onPath.has(name)) return 0;
    onPath.add(name);
    const depth = depthOf(fragment.selectionSet);
    onPath.delete(name);
    memo.set(name, depth);
    return depth;
  };

  return depthOf(operation.selectionSet);
}
