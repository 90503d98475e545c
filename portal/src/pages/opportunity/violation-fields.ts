import type { CombinedError } from 'urql';

/** Where a form shows one of the API's violations: the list row's field, or the form as a whole. */
export interface FieldErrorAt<Root extends string, Field extends string> {
  name: [Root, number, Field] | null;
  message: string;
  /** The API's rule (e.g. `within_contract_value`), for a form that words it in the user's language. */
  rule?: string;
}

interface Violation {
  field?: unknown;
  message?: unknown;
  rule?: unknown;
}

/**
 * The BAD_USER_INPUT violations of a list argument (`items[2].quantity`, `instalments[1]`, `instalments[0].amount.amount`)
 * as the form's own field names (`['items', 2, 'quantity']`); a violation of the row itself (or of a field the form
 * does not have) lands on `rowField`.
 */
export function violationFields<Root extends string, Field extends string>(
  error: CombinedError,
  root: Root,
  fields: readonly Field[],
  rowField: Field,
): FieldErrorAt<Root, Field>[] {
  const first = error.graphQLErrors[0];
  const violations = (first?.extensions?.violations as Violation[] | undefined) ?? [];
  const pattern = new RegExp(`^(?:input\\.)?${root}\\[(\\d+)\\](?:\\.(\\w+))?`);
  return violations.map((v) => {
    const field = typeof v.field === 'string' ? v.field : '';
    const message = typeof v.message === 'string' ? v.message : (first?.message ?? '');
    const rule = typeof v.rule === 'string' ? v.rule : undefined;
    const match = pattern.exec(field);
    if (!match) return { name: null, message, rule };
    const named = fields.find((f) => f === match[2]) ?? rowField;
    return { name: [root, Number(match[1]), named], message, rule };
  });
}
