import { InputError } from './domain-errors';

/**
 * Runs a domain rule whose violations name fields from the rule's point of view (['stages', 2, 'name']) and reports
 * them as the GraphQL argument path the client sent (['input', 'stages', 2, 'name']); `rename` maps a rule's first
 * path segment to the argument's name where they differ (e.g. stageMap → remap).
 */
export function underInput<T>(run: () => T, rename: Record<string, string> = {}): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(
      error.violations.map((v) => {
        const [head, ...rest] = v.path;
        const first = typeof head === 'string' && rename[head] ? rename[head] : head;
        return { ...v, path: head === undefined ? ['input'] : ['input', first, ...rest] };
      }),
      error.extensions,
    );
  }
}
