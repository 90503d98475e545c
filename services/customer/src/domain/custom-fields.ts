import { isCalendarDate } from './calendar-date';
import { compareDecimals, decimalFromNumber, isDecimal } from './decimal';
import { normalizeEmail } from './email-address';
import { compileUserPattern } from './user-pattern';
import { violation, type Validated, type Violation } from './violation';
import { normalizeWebUrl } from './web-url';

export type CustomFieldType =
  'text' | 'number' | 'decimal' | 'date' | 'boolean' | 'select' | 'multiselect' | 'email' | 'url';

export const customFieldTypes: readonly CustomFieldType[] = [
  'text',
  'number',
  'decimal',
  'date',
  'boolean',
  'select',
  'multiselect',
  'email',
  'url',
];

/** An admin-defined field on accounts: values live in `customFields[key]`. */
export interface CustomFieldDefinition {
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  /** The choices of a select or multiselect. */
  options?: string[];
  /** Bounds of a number or decimal. */
  min?: number;
  max?: number;
  /** Longest text, in characters. */
  maxLength?: number;
  /** A regular expression (JavaScript syntax, run by RE2 in linear time) a text value must match in full. */
  pattern?: string;
}

export const customFieldKeyPattern = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const maxKeyLength = 50;
const defaultTextMaxLength = 1000;
const maxDecimalDigits = 30;

/** Violations of one definition (paths relative to the definition, e.g. ['options']); empty when it can be saved. */
export function validateCustomFieldDefinition(def: CustomFieldDefinition): Violation[] {
  const violations: Violation[] = [];
  if (typeof def.key !== 'string' || !customFieldKeyPattern.test(def.key) || def.key.length > maxKeyLength) {
    violations.push(violation(['key'], 'snake_case', `key is snake_case (a-z, 0-9, _), at most ${maxKeyLength}`));
  }
  if (typeof def.label !== 'string' || def.label.trim() === '' || def.label.length > 100) {
    violations.push(violation(['label'], 'required', 'label is 1 to 100 characters'));
  }
  if (!customFieldTypes.includes(def.type)) {
    violations.push(violation(['type'], 'enum', `type is one of ${customFieldTypes.join(', ')}`));
  }
  if (typeof def.required !== 'boolean') violations.push(violation(['required'], 'type', 'required is true or false'));
  const choosable = def.type === 'select' || def.type === 'multiselect';
  if (choosable) {
    const options = def.options ?? [];
    if (options.length === 0) violations.push(violation(['options'], 'required', `a ${def.type} needs options`));
    options.forEach((option, index) => {
      if (typeof option !== 'string' || option.trim() === '') {
        violations.push(violation(['options', index], 'required', 'an option is non-empty text'));
      } else if (options.indexOf(option) !== index) {
        violations.push(violation(['options', index], 'unique', `option "${option}" is listed twice`));
      }
    });
  } else if (def.options !== undefined) {
    violations.push(violation(['options'], 'not_applicable', 'only select and multiselect fields have options'));
  }
  const bounded = def.type === 'number' || def.type === 'decimal';
  for (const bound of ['min', 'max'] as const) {
    const value = def[bound];
    if (value === undefined) continue;
    if (!bounded) violations.push(violation([bound], 'not_applicable', `only number and decimal fields have ${bound}`));
    else if (typeof value !== 'number' || decimalFromNumber(value) === null) {
      violations.push(violation([bound], 'type', `${bound} is a finite number`));
    } else if (def.type === 'number' && !Number.isSafeInteger(value)) {
      violations.push(violation([bound], 'integer', `${bound} of a number field is an integer`));
    }
  }
  if (typeof def.min === 'number' && typeof def.max === 'number' && def.min > def.max) {
    violations.push(violation(['min'], 'min_max', 'min is at most max'));
  }
  if (def.maxLength !== undefined) {
    if (def.type !== 'text') violations.push(violation(['maxLength'], 'not_applicable', 'only text has maxLength'));
    else if (!Number.isSafeInteger(def.maxLength) || def.maxLength < 1) {
      violations.push(violation(['maxLength'], 'positive_integer', 'maxLength is a positive integer'));
    }
  }
  if (def.pattern !== undefined) {
    if (def.type !== 'text') violations.push(violation(['pattern'], 'not_applicable', 'only text has a pattern'));
    else if (typeof def.pattern !== 'string') violations.push(violation(['pattern'], 'type', 'pattern is text'));
    else {
      const compiled = compileUserPattern(def.pattern);
      if ('rule' in compiled) violations.push(violation(['pattern'], compiled.rule, compiled.message));
    }
  }
  return violations;
}

/** Violations of a set of definitions: each one's own (prefixed by its index) and keys used twice. */
export function validateCustomFieldDefinitions(definitions: CustomFieldDefinition[]): Violation[] {
  const violations: Violation[] = [];
  definitions.forEach((def, index) => {
    for (const found of validateCustomFieldDefinition(def)) violations.push({ ...found, path: [index, ...found.path] });
    if (definitions.findIndex((other) => other.key === def.key) !== index) {
      violations.push(violation([index, 'key'], 'unique', `key "${def.key}" is defined twice`));
    }
  });
  return violations;
}

type Checked = { value: unknown } | { rule: string; message: string };

const truthy = ['true', 'yes', 'y', '1', '是', '对', '√'];
const falsy = ['false', 'no', 'n', '0', '否', '不', '×'];

function checkNumber(input: unknown, def: CustomFieldDefinition): Checked {
  const value = typeof input === 'string' && /^\s*[+-]?\d+\s*$/.test(input) ? Number(input) : input;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return { rule: 'integer', message: 'must be a whole number' };
  }
  if (def.min !== undefined && value < def.min) return { rule: 'min', message: `must be at least ${def.min}` };
  if (def.max !== undefined && value > def.max) return { rule: 'max', message: `must be at most ${def.max}` };
  return { value };
}

function checkDecimal(input: unknown, def: CustomFieldDefinition): Checked {
  let text: string | null = null;
  if (typeof input === 'string') text = input.trim();
  // A number with a fraction has already lost exactness as a float, so only whole numbers are taken as numbers.
  else if (typeof input === 'number' && Number.isSafeInteger(input)) text = String(input);
  else if (typeof input === 'number') {
    return { rule: 'decimal_string', message: 'a decimal with a fraction must be sent as a string, e.g. "1234.50"' };
  }
  if (text === null || !isDecimal(text) || text.replace(/\D/g, '').length > maxDecimalDigits) {
    return { rule: 'decimal', message: 'must be a decimal such as 1234.50' };
  }
  const min = def.min === undefined ? null : decimalFromNumber(def.min);
  const max = def.max === undefined ? null : decimalFromNumber(def.max);
  if (min !== null && compareDecimals(text, min) < 0) return { rule: 'min', message: `must be at least ${min}` };
  if (max !== null && compareDecimals(text, max) > 0) return { rule: 'max', message: `must be at most ${max}` };
  return { value: text.replace(/^\+/, '') };
}

function checkText(input: unknown, def: CustomFieldDefinition): Checked {
  if (typeof input !== 'string') return { rule: 'type', message: 'must be text' };
  const text = input.normalize('NFC').trim();
  const maxLength = def.maxLength ?? defaultTextMaxLength;
  if ([...text].length > maxLength) return { rule: 'max_length', message: `at most ${maxLength} characters` };
  // A pattern stored before RE2 that RE2 refuses is not enforced: refusing every value would block every write.
  const compiled = def.pattern === undefined ? null : compileUserPattern(def.pattern);
  if (compiled && 'pattern' in compiled && !compiled.pattern.matches(text)) {
    return { rule: 'pattern', message: `must match ${def.pattern}` };
  }
  return { value: text };
}

function checkBoolean(input: unknown): Checked {
  if (typeof input === 'boolean') return { value: input };
  const text = typeof input === 'string' ? input.trim().toLowerCase() : null;
  if (text !== null && truthy.includes(text)) return { value: true };
  if (text !== null && falsy.includes(text)) return { value: false };
  return { rule: 'boolean', message: 'must be true or false' };
}

function findOption(def: CustomFieldDefinition, raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const wanted = raw.normalize('NFKC').trim().toLowerCase();
  return (def.options ?? []).find((option) => option.normalize('NFKC').trim().toLowerCase() === wanted);
}

function checkSelect(input: unknown, def: CustomFieldDefinition): Checked {
  const option = findOption(def, input);
  return option === undefined
    ? { rule: 'option', message: `must be one of ${(def.options ?? []).join(', ')}` }
    : { value: option };
}

function checkMultiselect(input: unknown, def: CustomFieldDefinition): Checked {
  // A CSV cell holds the choices in one text, separated as people type them.
  const items = typeof input === 'string' ? input.split(/[,;；，、|]/u).filter((item) => item.trim() !== '') : input;
  if (!Array.isArray(items)) return { rule: 'type', message: 'must be a list of options' };
  const chosen: string[] = [];
  for (const item of items) {
    const option = findOption(def, item);
    if (option === undefined) {
      return { rule: 'option', message: `"${String(item)}" is not one of ${(def.options ?? []).join(', ')}` };
    }
    if (!chosen.includes(option)) chosen.push(option);
  }
  return { value: chosen };
}

function checkValue(input: unknown, def: CustomFieldDefinition): Checked {
  switch (def.type) {
    case 'text':
      return checkText(input, def);
    case 'number':
      return checkNumber(input, def);
    case 'decimal':
      return checkDecimal(input, def);
    case 'date':
      return typeof input === 'string' && isCalendarDate(input.trim())
        ? { value: input.trim() }
        : { rule: 'date', message: 'must be a date YYYY-MM-DD' };
    case 'boolean':
      return checkBoolean(input);
    case 'select':
      return checkSelect(input, def);
    case 'multiselect':
      return checkMultiselect(input, def);
    case 'email': {
      const email = typeof input === 'string' ? normalizeEmail(input) : null;
      return email === null ? { rule: 'email', message: 'must be an email address' } : { value: email };
    }
    case 'url': {
      const url = typeof input === 'string' ? normalizeWebUrl(input) : null;
      return url === null ? { rule: 'url', message: 'must be an http(s) URL' } : { value: url };
    }
  }
}

function isBlank(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

export interface CustomFieldValueOptions {
  /** An update patch: missing required fields are not reported, and null clears a field (kept as null). */
  partial: boolean;
}

/**
 * Checks custom field values against their definitions. Every violation has the path ['customFields', key]; unknown
 * keys are violations. Blank values are dropped (or kept as null in a partial update, meaning "clear").
 */
export function validateCustomFieldValues(
  values: Record<string, unknown>,
  definitions: CustomFieldDefinition[],
  options: CustomFieldValueOptions,
): Validated<Record<string, unknown>> {
  const violations: Violation[] = [];
  const normalized: Record<string, unknown> = {};
  const byKey = new Map(definitions.map((def) => [def.key, def]));
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) violations.push(violation(['customFields', key], 'unknown_field', `"${key}" is not defined`));
  }
  for (const def of definitions) {
    const path = ['customFields', def.key];
    const present = Object.prototype.hasOwnProperty.call(values, def.key);
    const input = present ? values[def.key] : undefined;
    if (isBlank(input)) {
      if (def.required && (!options.partial || present)) {
        violations.push(violation(path, 'required', `${def.label} is required`));
      } else if (options.partial && present) {
        normalized[def.key] = null;
      }
      continue;
    }
    const checked = checkValue(input, def);
    if ('value' in checked) normalized[def.key] = checked.value;
    else violations.push(violation(path, checked.rule, `${def.label}: ${checked.message}`));
  }
  return { value: normalized, violations };
}

/**
 * Writes that name an archived field: refused, because its stored values are kept as they were (archiving hides a
 * field, it does not delete data) and come back when the field is unarchived.
 */
export function archivedFieldViolations(values: Record<string, unknown>, archivedKeys: readonly string[]): Violation[] {
  return Object.keys(values)
    .filter((key) => archivedKeys.includes(key))
    .map((key) =>
      violation(['customFields', key], 'archived', `"${key}" is archived: its values are kept but no longer written`),
    );
}

/** Stored values split into those of archived fields (carried over untouched) and the rest (validated on write). */
export function splitArchivedValues(
  values: Record<string, unknown>,
  archivedKeys: readonly string[],
): { archived: Record<string, unknown>; live: Record<string, unknown> } {
  const archived: Record<string, unknown> = {};
  const live: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) (archivedKeys.includes(key) ? archived : live)[key] = value;
  return { archived, live };
}
