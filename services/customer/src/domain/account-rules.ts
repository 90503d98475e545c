import {
  companySizes,
  grades,
  lifecycleStages,
  type AccountFields,
  type Address,
  type CompanySize,
  type Grade,
  type LifecycleStage,
} from './account';
import { normalizeTags } from './account-tags';
import { validateCustomFieldValues, type CustomFieldDefinition } from './custom-fields';
import { normalizeEmail } from './email-address';
import {
  checkContactPoints,
  checkKnownKeys,
  checkOptionalEnum,
  checkOptionalText,
  checkOptionalTeam,
  checkOptionalUuid,
  checkRequiredText,
  descriptionMaxLength,
} from './field-checks';
import { normalizePhone } from './phone-number';
import { checkTaxId, normalizeTaxId } from './tax-id';
import { violation, type Validated, type Violation } from './violation';
import { normalizeWebUrl } from './web-url';

export const accountFieldNames: readonly (keyof AccountFields)[] = [
  'name',
  'taxId',
  'industry',
  'size',
  'website',
  'addresses',
  'phones',
  'emails',
  'tags',
  'grade',
  'lifecycleStage',
  'ownerId',
  'teamId',
  'customFields',
  'description',
];

export const accountNameMaxLength = 200;
const maxAddresses = 20;
const maxContactPoints = 20;

export interface AccountValidationOptions {
  /** 'create' fills defaults and requires a name; 'update' checks only the fields present (a patch). */
  mode: 'create' | 'update';
  customFieldDefinitions: CustomFieldDefinition[];
  /** Country of phone numbers written without '+'. */
  defaultPhoneCountry?: string;
}

type Path = (string | number)[];

function checkAddress(input: unknown, path: Path): Validated<Address | null> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { value: null, violations: [violation(path, 'type', 'an address is an object')] };
  }
  const raw = input as Partial<Record<keyof Address, unknown>>;
  const kind = checkRequiredText(raw.kind, [...path, 'kind'], 30);
  // Most Chinese customer lists carry 省/市 without a street, so every part but the country may be missing.
  const line1 = checkOptionalText(raw.line1, [...path, 'line1'], 200);
  const line2 = checkOptionalText(raw.line2, [...path, 'line2'], 200);
  const city = checkOptionalText(raw.city, [...path, 'city'], 100);
  const region = checkOptionalText(raw.region, [...path, 'region'], 100);
  const postalCode = checkOptionalText(raw.postalCode, [...path, 'postalCode'], 20);
  const country = checkRequiredText(raw.countryCode, [...path, 'countryCode'], 2);
  const violations = [kind, line1, line2, city, region, postalCode, country].flatMap((c) => c.violations);
  const countryCode = country.value.toUpperCase();
  if (country.violations.length === 0 && !/^[A-Z]{2}$/.test(countryCode)) {
    violations.push(violation([...path, 'countryCode'], 'country_code', 'an ISO 3166-1 alpha-2 code such as CN'));
  }
  if (countryCode === 'CN' && postalCode.value !== null && !/^\d{6}$/.test(postalCode.value)) {
    violations.push(violation([...path, 'postalCode'], 'postal_code', 'a Chinese postal code has 6 digits'));
  }
  const address: Address = {
    kind: kind.value.toLowerCase(),
    line1: line1.value,
    line2: line2.value,
    city: city.value,
    region: region.value,
    postalCode: postalCode.value,
    countryCode,
  };
  return { value: violations.length === 0 ? address : null, violations };
}

function checkAddresses(input: unknown): Validated<Address[]> {
  if (input === null || input === undefined) return { value: [], violations: [] };
  if (!Array.isArray(input)) return { value: [], violations: [violation(['addresses'], 'type', 'must be a list')] };
  const checked = input.map((item: unknown, index) => checkAddress(item, ['addresses', index]));
  const violations = checked.flatMap((c) => c.violations);
  if (input.length > maxAddresses) {
    violations.push(violation(['addresses'], 'max_items', `at most ${maxAddresses} addresses`));
  }
  return { value: checked.flatMap((c) => (c.value === null ? [] : [c.value])), violations };
}

function checkWebsite(input: unknown): Validated<string | null> {
  if (input === null || input === undefined || input === '') return { value: null, violations: [] };
  const url = typeof input === 'string' ? normalizeWebUrl(input) : null;
  return url === null
    ? { value: null, violations: [violation(['website'], 'url', 'must be an http(s) URL')] }
    : { value: url, violations: [] };
}

function checkTaxIdField(input: unknown): Validated<string | null> {
  if (input === null || input === undefined) return { value: null, violations: [] };
  if (typeof input !== 'string') return { value: null, violations: [violation(['taxId'], 'type', 'must be text')] };
  const taxId = normalizeTaxId(input);
  if (taxId === null) return { value: null, violations: [] };
  return { value: taxId, violations: checkTaxId(taxId) };
}

function checkCustomFields(input: unknown, options: AccountValidationOptions): Validated<Record<string, unknown>> {
  if (input === null || input === undefined) {
    return validateCustomFieldValues({}, options.customFieldDefinitions, { partial: options.mode === 'update' });
  }
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { value: {}, violations: [violation(['customFields'], 'type', 'must be an object of key to value')] };
  }
  return validateCustomFieldValues(input as Record<string, unknown>, options.customFieldDefinitions, {
    partial: options.mode === 'update',
  });
}

/**
 * Checks and normalizes account fields without throwing. On create the result is complete (defaults filled:
 * stage 'prospect', empty lists, nulls); on update it holds only the fields given, normalized.
 */
export function validateAccountFields(
  input: Partial<AccountFields>,
  options: AccountValidationOptions & { mode: 'create' },
): Validated<AccountFields>;
export function validateAccountFields(
  input: Partial<AccountFields>,
  options: AccountValidationOptions,
): Validated<Partial<AccountFields>>;
export function validateAccountFields(
  input: Partial<AccountFields>,
  options: AccountValidationOptions,
): Validated<Partial<AccountFields>> {
  const creating = options.mode === 'create';
  const given = (key: keyof AccountFields): boolean => creating || Object.prototype.hasOwnProperty.call(input, key);
  const raw = input as Partial<Record<keyof AccountFields, unknown>>;
  const violations: Violation[] = checkKnownKeys(input, accountFieldNames);
  const value: Partial<AccountFields> = {};
  const take = <K extends keyof AccountFields>(key: K, checked: Validated<AccountFields[K]>): void => {
    violations.push(...checked.violations);
    value[key] = checked.value;
  };
  const phoneCountry = options.defaultPhoneCountry ?? 'CN';

  if (given('name')) take('name', checkRequiredText(raw.name, ['name'], accountNameMaxLength));
  if (given('taxId')) take('taxId', checkTaxIdField(raw.taxId));
  if (given('industry')) take('industry', checkOptionalText(raw.industry, ['industry'], 100));
  if (given('size')) take('size', checkOptionalEnum<CompanySize>(raw.size, ['size'], companySizes));
  if (given('website')) take('website', checkWebsite(raw.website));
  if (given('addresses')) take('addresses', checkAddresses(raw.addresses));
  if (given('phones')) {
    take(
      'phones',
      checkContactPoints(raw.phones, ['phones'], {
        normalize: (text) => normalizePhone(text, phoneCountry),
        rule: 'phone',
        describe: 'a phone number',
        maxItems: maxContactPoints,
      }),
    );
  }
  if (given('emails')) {
    take(
      'emails',
      checkContactPoints(raw.emails, ['emails'], {
        normalize: normalizeEmail,
        rule: 'email',
        describe: 'an email address',
        maxItems: maxContactPoints,
      }),
    );
  }
  if (given('tags'))
    take('tags', raw.tags === undefined || raw.tags === null ? { value: [], violations: [] } : normalizeTags(raw.tags));
  if (given('grade')) take('grade', checkOptionalEnum<Grade>(raw.grade, ['grade'], grades));
  if (given('lifecycleStage')) {
    const stage = raw.lifecycleStage ?? (creating ? 'prospect' : null);
    const checked = checkOptionalEnum<LifecycleStage>(stage, ['lifecycleStage'], lifecycleStages);
    if (checked.value === null && checked.violations.length === 0) {
      checked.violations.push(violation(['lifecycleStage'], 'required', 'is required'));
    }
    violations.push(...checked.violations);
    if (checked.value !== null) value.lifecycleStage = checked.value;
    else if (creating) value.lifecycleStage = 'prospect';
  }
  if (given('ownerId')) take('ownerId', checkOptionalUuid(raw.ownerId, ['ownerId']));
  if (given('teamId')) take('teamId', checkOptionalTeam(raw.teamId, ['teamId']));
  if (given('customFields')) take('customFields', checkCustomFields(raw.customFields, options));
  if (given('description')) {
    take('description', checkOptionalText(raw.description, ['description'], descriptionMaxLength));
  }
  return { value, violations };
}
