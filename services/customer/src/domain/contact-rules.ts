import { isCalendarDate } from './calendar-date';
import { preferredChannels, type ContactFields, type ContactInput, type PreferredChannel } from './contact';
import { normalizeEmail } from './email-address';
import {
  checkBoolean,
  checkContactPoints,
  checkKnownKeys,
  checkOptionalEnum,
  checkOptionalText,
  checkOptionalUuid,
  checkRequiredText,
  descriptionMaxLength,
} from './field-checks';
import { normalizePhone } from './phone-number';
import { violation, type Validated, type Violation } from './violation';

export const contactFieldNames: readonly (keyof ContactFields)[] = [
  'accountId',
  'name',
  'title',
  'role',
  'phones',
  'emails',
  'birthday',
  'preferredChannel',
  'consentEmail',
  'consentSms',
  'consentWechat',
  'ownerId',
  'description',
];

export const contactNameMaxLength = 100;
const maxContactPoints = 20;
const earliestBirthYear = 1900;

export interface ContactValidationOptions {
  /** 'create' fills defaults and requires name and account; 'update' checks only the fields present (a patch). */
  mode: 'create' | 'update';
  /** Set by a bulk import that links the contact to its account afterwards (by tax id or name). */
  accountLinkedLater?: boolean;
  /** Country of phone numbers written without '+'. */
  defaultPhoneCountry?: string;
  /** Today as YYYY-MM-DD, to refuse birthdays in the future; without it only the calendar is checked. */
  today?: string;
}

function checkBirthday(input: unknown, today: string | undefined): Validated<string | null> {
  if (input === null || input === undefined || input === '') return { value: null, violations: [] };
  const text = typeof input === 'string' ? input.trim() : '';
  if (!isCalendarDate(text)) {
    return { value: null, violations: [violation(['birthday'], 'date', 'must be a date YYYY-MM-DD')] };
  }
  if (Number(text.slice(0, 4)) < earliestBirthYear || (today !== undefined && text > today)) {
    return { value: null, violations: [violation(['birthday'], 'date_range', 'must be a past date after 1900')] };
  }
  return { value: text, violations: [] };
}

function checkAccountId(input: unknown, options: ContactValidationOptions): Validated<string> {
  if ((input === undefined || input === null || input === '') && options.accountLinkedLater) {
    return { value: '', violations: [] };
  }
  const checked = checkOptionalUuid(input, ['accountId']);
  if (checked.value === null && checked.violations.length === 0) {
    return { value: '', violations: [violation(['accountId'], 'required', 'is required')] };
  }
  return { value: checked.value ?? '', violations: checked.violations };
}

/** A preferred channel must be reachable: email needs an address, phone and sms a number. */
function checkChannelReachable(value: Partial<ContactFields>): Violation[] {
  const channel = value.preferredChannel;
  if (channel === 'email' && value.emails !== undefined && value.emails.length === 0) {
    return [violation(['preferredChannel'], 'channel_reachable', 'email is preferred but the contact has no email')];
  }
  if ((channel === 'phone' || channel === 'sms') && value.phones !== undefined && value.phones.length === 0) {
    return [violation(['preferredChannel'], 'channel_reachable', `${channel} is preferred but there is no phone`)];
  }
  return [];
}

/**
 * Checks and normalizes contact fields without throwing. On create the result is complete (consents default to
 * false, lists to empty); on update it holds only the fields given, normalized.
 */
export function validateContactFields(
  input: ContactInput,
  options: ContactValidationOptions & { mode: 'create' },
): Validated<ContactFields>;
export function validateContactFields(
  input: ContactInput,
  options: ContactValidationOptions,
): Validated<Partial<ContactFields>>;
export function validateContactFields(
  input: ContactInput,
  options: ContactValidationOptions,
): Validated<Partial<ContactFields>> {
  const creating = options.mode === 'create';
  const given = (key: keyof ContactFields): boolean => creating || Object.prototype.hasOwnProperty.call(input, key);
  const raw = input as Partial<Record<keyof ContactFields, unknown>>;
  const violations: Violation[] = checkKnownKeys(input, contactFieldNames);
  const value: Partial<ContactFields> = {};
  const take = <K extends keyof ContactFields>(key: K, checked: Validated<ContactFields[K]>): void => {
    violations.push(...checked.violations);
    value[key] = checked.value;
  };
  const phoneCountry = options.defaultPhoneCountry ?? 'CN';

  if (given('accountId')) take('accountId', checkAccountId(raw.accountId, options));
  if (given('name')) take('name', checkRequiredText(raw.name, ['name'], contactNameMaxLength));
  if (given('title')) take('title', checkOptionalText(raw.title, ['title'], 100));
  if (given('role')) take('role', checkOptionalText(raw.role, ['role'], 100));
  if (given('description')) {
    take('description', checkOptionalText(raw.description, ['description'], descriptionMaxLength));
  }
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
  if (given('birthday')) take('birthday', checkBirthday(raw.birthday, options.today));
  if (given('preferredChannel')) {
    take(
      'preferredChannel',
      checkOptionalEnum<PreferredChannel>(raw.preferredChannel, ['preferredChannel'], preferredChannels),
    );
  }
  if (given('consentEmail')) take('consentEmail', checkBoolean(raw.consentEmail, ['consentEmail'], false));
  if (given('consentSms')) take('consentSms', checkBoolean(raw.consentSms, ['consentSms'], false));
  if (given('consentWechat')) take('consentWechat', checkBoolean(raw.consentWechat, ['consentWechat'], false));
  if (given('ownerId')) take('ownerId', checkOptionalUuid(raw.ownerId, ['ownerId']));
  violations.push(...checkChannelReachable(value));
  return { value, violations };
}
