/** One broken rule on one input field; the same shape as the platform's FieldViolation so a service can wrap it. */
export interface Violation {
  path: (string | number)[];
  rule: string;
  message: string;
}

/** A validation outcome: the normalized value and every rule it broke (empty when valid). */
export interface Validated<T> {
  value: T;
  violations: Violation[];
}

export function violation(path: (string | number)[], rule: string, message: string): Violation {
  return { path, rule, message };
}
