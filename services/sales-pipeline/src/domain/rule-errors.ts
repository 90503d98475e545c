// How the sales rules refuse: the platform's errors (mapped once per transport), with the field and the rule named
// even when the refusal is about state or permission, so a client can tell which rule stopped it.
import { InputError, NotAllowedError, PreconditionError, formatPath, type FieldViolation } from '@crm/platform/errors';

export type FieldPath = (string | number)[];

/** The input is fine but the record's state forbids the step (e.g. moving a won deal). */
export function preconditionFailed(path: FieldPath, rule: string, message: string): PreconditionError {
  return new PreconditionError(`${formatPath(path)}: ${message}`, { path, rule });
}

/** The actor may not take the step (e.g. approving a quote on their own deal). */
export function notAllowed(path: FieldPath, rule: string, message: string): NotAllowedError {
  return new NotAllowedError(`${formatPath(path)}: ${message}`, { path, rule });
}

/** Runs checks that throw InputError and keeps every violation, so that one reply names every bad field. */
export class ViolationCollector {
  readonly violations: FieldViolation[] = [];

  /** The check's value, or `fallback` when it broke a rule (recorded). */
  read<T>(check: () => T, fallback: T): T {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.violations.push(...error.violations);
      return fallback;
    }
  }

  add(path: FieldPath, rule: string, message: string): void {
    this.violations.push({ path, rule, message });
  }

  throwIfAny(): void {
    if (this.violations.length) throw new InputError(this.violations);
  }
}
