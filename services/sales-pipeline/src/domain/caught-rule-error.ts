// For specs: the RuleError a step throws, so that a test asserts its code and the fields and rules it names.
import { RuleError, type FieldPath } from './rule-error';

export function caughtRuleError(run: () => unknown): RuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error('expected a RuleError, but nothing was thrown');
}

/** Each violation of the thrown RuleError as its field path and rule. */
export function brokenRules(run: () => unknown): { path: FieldPath; rule: string }[] {
  return caughtRuleError(run).violations.map(({ path, rule }) => ({ path, rule }));
}
