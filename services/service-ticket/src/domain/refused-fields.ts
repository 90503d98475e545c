// For the specs: the fields and rules an InputError named, as 'path.to[0].field' strings, so tables read naturally.
import { InputError, formatPath } from '@crm/platform/errors';

/** [field, rule] for each violation the action's InputError names; fails if it throws nothing or something else. */
export function refusedFields(action: () => unknown): [string, string][] {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error.violations.map((v) => [formatPath(v.path), v.rule]);
    throw error;
  }
  throw new Error('expected an InputError, nothing was thrown');
}
