// For specs: how a step refused, as code, message and the fields and rules it named (InputError's violations, or the
// path and rule a state or permission refusal carries in its details).
import { DomainError, InputError, type DomainErrorCode } from '@crm/platform/errors';
import type { FieldPath } from './rule-errors';

export interface Refusal {
  code: DomainErrorCode;
  message: string;
  violations: { path: FieldPath; rule: string; message: string }[];
}

export function caughtRuleError(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return { code: error.code, message: error.message, violations: error.violations };
    if (error instanceof DomainError) {
      const { path, rule } = error.details as { path: FieldPath; rule: string };
      return { code: error.code, message: error.message, violations: [{ path, rule, message: error.message }] };
    }
    throw error;
  }
  throw new Error('expected a domain error, but nothing was thrown');
}

/** Each violation of the refusal as its field path and rule. */
export function brokenRules(run: () => unknown): { path: FieldPath; rule: string }[] {
  return caughtRuleError(run).violations.map(({ path, rule }) => ({ path, rule }));
}
