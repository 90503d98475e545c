import { deepEqual } from './deep-equal';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The top-level fields whose value changed, in the order they first appear (before's keys, then new keys of after).
 * A missing key equals undefined; arrays and objects are compared by content, so a re-sent equal list is no change.
 */
export function diffFields<T extends object>(before: Partial<T>, after: Partial<T>): FieldChange[] {
  const left = before as Record<string, unknown>;
  const right = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  return fields
    .filter((field) => !deepEqual(left[field], right[field]))
    .map((field) => ({ field, before: left[field], after: right[field] }));
}
