// Checks shared by the account and contact rules. Input arrives from GraphQL, gRPC and CSV, so each check reads an
// `unknown` and reports a wrong type as a violation instead of trusting the static type.
import { normalizeUuid } from './uuid';
import { violation, type Validated, type Violation } from './violation';

type Path = (string | number)[];

function characters(text: string): number {
  return [...text].length;
}

/** Free-text notes (备注) of an account or a contact: a note, not a document, so an event carrying it stays small. */
export const descriptionMaxLength = 2000;

/** Optional text: trimmed, '' and null become null, at most `maxLength` characters. */
export function checkOptionalText(input: unknown, path: Path, maxLength: number): Validated<string | null> {
  if (input === null || input === undefined) return { value: null, violations: [] };
  if (typeof input !== 'string') return { value: null, violations: [violation(path, 'type', 'must be text')] };
  const text = input.normalize('NFC').trim();
  if (text === '') return { value: null, violations: [] };
  if (characters(text) > maxLength) {
    return { value: null, violations: [violation(path, 'max_length', `at most ${maxLength} characters`)] };
  }
  return { value: text, violations: [] };
}

/** Required text: trimmed, 1 to `maxLength` characters. */
export function checkRequiredText(input: unknown, path: Path, maxLength: number): Validated<string> {
  if (input === null || input === undefined || (typeof input === 'string' && input.trim() === '')) {
    return { value: '', violations: [violation(path, 'required', 'is required')] };
  }
  const checked = checkOptionalText(input, path, maxLength);
  return { value: checked.value ?? '', violations: checked.violations };
}

/** One of `allowed`, or null when absent. */
export function checkOptionalEnum<T extends string>(
  input: unknown,
  path: Path,
  allowed: readonly T[],
): Validated<T | null> {
  if (input === null || input === undefined) return { value: null, violations: [] };
  const found = allowed.find((option) => option === input);
  if (found === undefined) {
    return { value: null, violations: [violation(path, 'enum', `must be one of ${allowed.join(', ')}`)] };
  }
  return { value: found, violations: [] };
}

/** A UUID (lowercased), or null when absent. */
export function checkOptionalUuid(input: unknown, path: Path): Validated<string | null> {
  if (input === null || input === undefined || input === '') return { value: null, violations: [] };
  const id = typeof input === 'string' ? normalizeUuid(input) : null;
  return id === null
    ? { value: null, violations: [violation(path, 'uuid', 'must be a UUID')] }
    : { value: id, violations: [] };
}

const TEAM = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** A team is a Keycloak group under /teams/: its name, lower-case letters, digits, '-' and '_'. */
export function checkOptionalTeam(input: unknown, path: Path): Validated<string | null> {
  if (input === null || input === undefined || input === '') return { value: null, violations: [] };
  const team = typeof input === 'string' ? input.trim().replace(/^\/?teams\//, '') : null;
  return team !== null && TEAM.test(team)
    ? { value: team, violations: [] }
    : { value: null, violations: [violation(path, 'team', 'must be a team name (the Keycloak group under /teams/)')] };
}

export function checkBoolean(input: unknown, path: Path, fallback: boolean): Validated<boolean> {
  if (input === null || input === undefined) return { value: fallback, violations: [] };
  if (typeof input !== 'boolean')
    return { value: fallback, violations: [violation(path, 'type', 'must be true or false')] };
  return { value: input, violations: [] };
}

export interface ContactPointRule {
  normalize: (raw: string) => string | null;
  rule: string;
  describe: string;
  maxItems: number;
}

/** A list of phones or emails: each normalized (a bad one is named by its index), blanks dropped, duplicates removed. */
export function checkContactPoints(input: unknown, path: Path, rule: ContactPointRule): Validated<string[]> {
  if (input === null || input === undefined) return { value: [], violations: [] };
  if (!Array.isArray(input)) return { value: [], violations: [violation(path, 'type', 'must be a list')] };
  const violations: Violation[] = [];
  const values: string[] = [];
  input.forEach((raw: unknown, index) => {
    if (typeof raw === 'string' && raw.trim() === '') return;
    const normalized = typeof raw === 'string' ? rule.normalize(raw) : null;
    if (normalized === null) {
      const shown = typeof raw === 'string' ? `"${raw}"` : 'the value';
      violations.push(violation([...path, index], rule.rule, `${shown} is not ${rule.describe}`));
    } else if (!values.includes(normalized)) {
      values.push(normalized);
    }
  });
  if (values.length > rule.maxItems) {
    violations.push(violation(path, 'max_items', `at most ${rule.maxItems} (got ${values.length})`));
  }
  return { value: values, violations };
}

/** Violations for keys of `input` that are not in `known` (a typo must not vanish silently). */
export function checkKnownKeys(input: object, known: readonly string[]): Violation[] {
  return Object.keys(input)
    .filter((key) => !known.includes(key))
    .map((key) => violation([key], 'unknown_field', `"${key}" is not a field`));
}
