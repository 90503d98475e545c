// The domain may not import @crm/platform (lint: no I/O in src/domain), so it throws this plain twin of the platform's
// errors; the host maps it once: BAD_USER_INPUT → InputError(violations), FORBIDDEN → NotAllowedError,
// FAILED_PRECONDITION → PreconditionError.

export type FieldPath = (string | number)[];

/** Same shape as the platform's FieldViolation: the field path, the rule it broke, a message for people. */
export interface RuleViolation {
  path: FieldPath;
  rule: string;
  message: string;
}

export type RuleErrorCode = 'BAD_USER_INPUT' | 'FAILED_PRECONDITION' | 'FORBIDDEN';

export class RuleError extends Error {
  readonly code: RuleErrorCode;
  readonly violations: RuleViolation[];
  constructor(violations: RuleViolation[], code: RuleErrorCode = 'BAD_USER_INPUT') {
    const first = violations[0];
    super(first ? `${first.path.join('.')}: ${first.message}` : 'invalid input');
    this.name = 'RuleError';
    this.code = code;
    this.violations = violations;
  }

  /** Bad input: one field broke one rule. */
  static single(path: FieldPath, rule: string, message: string): RuleError {
    return new RuleError([{ path, rule, message }]);
  }

  /** The input is fine but the record's state forbids the step (e.g. moving a won deal). */
  static precondition(path: FieldPath, rule: string, message: string): RuleError {
    return new RuleError([{ path, rule, message }], 'FAILED_PRECONDITION');
  }

  /** The actor may not take the step (e.g. approving their own quote). */
  static forbidden(path: FieldPath, rule: string, message: string): RuleError {
    return new RuleError([{ path, rule, message }], 'FORBIDDEN');
  }
}

/** Throws every collected violation at once, or nothing. */
export function throwIfAny(violations: RuleViolation[]): void {
  if (violations.length) throw new RuleError(violations);
}

/** Runs checks that throw RuleError and keeps every violation, so that one reply names every bad field. */
export class ViolationCollector {
  readonly violations: RuleViolation[] = [];

  /** The check's value, or `fallback` when it broke a rule (recorded). */
  read<T>(check: () => T, fallback: T): T {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof RuleError) || error.code !== 'BAD_USER_INPUT') throw error;
      this.violations.push(...error.violations);
      return fallback;
    }
  }

  add(path: FieldPath, rule: string, message: string): void {
    this.violations.push({ path, rule, message });
  }

  throwIfAny(): void {
    throwIfAny(this.violations);
  }
}
