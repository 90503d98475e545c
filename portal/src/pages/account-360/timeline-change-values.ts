import type { TFunction } from 'i18next';
import { formatDate, formatDateTime, formatMoney } from '../../format/format';

/** One recorded field change as the timeline query fetches it. */
export interface TimelineChange {
  field: string;
  before?: unknown;
  after?: unknown;
  beforeUser?: { id: string; displayName: string } | null;
  afterUser?: { id: string; displayName: string } | null;
}

/** Field keys the profile already labels (account360.fields.<key>). */
const PROFILE_FIELDS = [
  'taxId',
  'industry',
  'size',
  'website',
  'phones',
  'emails',
  'addresses',
  'tags',
  'grade',
  'description',
  'creditLimit',
  'paymentTerms',
  'bankName',
  'bankAccount',
  'taxRegistration',
  'ownerSince',
] as const;
const profileFields = new Set<string>(PROFILE_FIELDS);

/** Other field keys of accounts and contacts with a label of their own (account360.changeField.<key>). */
export const KNOWN_CHANGE_FIELDS = [
  'name',
  'lifecycleStage',
  'ownerId',
  'teamId',
  'customFields',
  'nextFollowUpAt',
  'lastActivityAt',
  'deletedAt',
  'mergedIntoId',
  'accountId',
  'title',
  'role',
  'birthday',
  'preferredChannel',
  'consentEmail',
  'consentSms',
  'consentWechat',
] as const;
const known = new Set<string>(KNOWN_CHANGE_FIELDS);

/** "nextFollowUpAt" → "Next follow up at": a field this portal has no label for yet is still readable. */
export function humaniseFieldKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function changeFieldLabel(field: string, t: TFunction): string {
  if (profileFields.has(field)) return t(`account360.fields.${field as (typeof PROFILE_FIELDS)[number]}`);
  return known.has(field)
    ? t(`account360.changeField.${field as (typeof KNOWN_CHANGE_FIELDS)[number]}`)
    : humaniseFieldKey(field);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isMoney(value: object): value is { amount: string; currencyCode: string } {
  return (
    typeof (value as { amount?: unknown }).amount === 'string' &&
    typeof (value as { currencyCode?: unknown }).currencyCode === 'string'
  );
}

/** Enum-like values the API records in lower case, with their labels. */
function enumLabel(field: string, value: string, t: TFunction): string | null {
  const upper = value.toUpperCase();
  if (field === 'size' && ['MICRO', 'SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE'].includes(upper))
    return t(`account360.size.${upper as 'MICRO'}`);
  if (field === 'lifecycleStage' && ['PROSPECT', 'CUSTOMER', 'CHURNED'].includes(upper))
    return t(`accounts.stageValue.${upper as 'PROSPECT'}`);
  if (field === 'preferredChannel' && ['PHONE', 'EMAIL', 'WECHAT', 'SMS', 'VISIT'].includes(upper))
    return t(`account360.channel.${upper as 'PHONE'}`);
  return null;
}

export interface ValueFormat {
  t: TFunction;
  locale: string;
  timeZone: string;
}

/** A recorded value in words: dates and money per locale, lists joined, yes/no, an address on one line. */
export function formatChangeValue(field: string, value: unknown, f: ValueFormat): string {
  const { t, locale, timeZone } = f;
  if (value === null || value === undefined || value === '') return t('common.none');
  if (Array.isArray(value))
    return value.length === 0 ? t('common.none') : value.map((v) => formatChangeValue(field, v, f)).join(', ');
  if (typeof value === 'boolean') return value ? t('account360.yesValue') : t('account360.noValue');
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (typeof value === 'string') {
    if (DATE.test(value)) return formatDate(value, locale);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, locale, timeZone);
    return enumLabel(field, value, t) ?? value;
  }
  if (typeof value === 'object') {
    if (isMoney(value)) return formatMoney(value, locale);
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== '');
    if (field === 'addresses')
      return entries
        .filter(([k]) => k !== 'kind')
        .map(([, v]) => String(v))
        .join(' ');
    return entries.length === 0
      ? t('common.none')
      : entries.map(([k, v]) => `${k}: ${formatChangeValue(k, v, f)}`).join('; ');
  }
  return String(value);
}

/** The owner's name for a user-id field (the API resolves it), "in the pool" when there is none. */
export function formatChangeSide(change: TimelineChange, side: 'before' | 'after', f: ValueFormat): string {
  const value = change[side];
  if (change.field === 'ownerId') {
    const user = side === 'before' ? change.beforeUser : change.afterUser;
    // The customer service names an id Keycloak no longer knows by the id itself.
    if (user && user.displayName !== user.id) return user.displayName;
    return value ? f.t('account360.formerUser') : f.t('accounts.ownerPool');
  }
  if ((change.field === 'mergedIntoId' || change.field === 'accountId') && value) return f.t('account360.otherAccount');
  return formatChangeValue(change.field, value, f);
}
