import type { AccountFields, Address } from './account';
import { normalizeEmail } from './email-address';
import { normalizePhone } from './phone-number';

export interface MergePlan {
  merged: AccountFields;
  /** The fields (and 'customFields.<key>') that took the loser's value. */
  filledFromLoser: string[];
}

const scalarFields = ['taxId', 'industry', 'size', 'website', 'grade', 'ownerId', 'teamId', 'description'] as const;

function isBlank(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function fold(text: string | null): string {
  return (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]/gu, '');
}

function addressKey(address: Address): string {
  return [address.line1, address.line2, address.city, address.region, address.postalCode, address.countryCode]
    .map(fold)
    .join('|');
}

/** The winner's items, then the loser's whose key is new. */
function union<T>(winner: T[], loser: T[], key: (item: T) => string): T[] {
  const seen = new Set(winner.map(key));
  const result = [...winner];
  for (const item of loser) {
    const itemKey = key(item);
    if (!seen.has(itemKey)) {
      seen.add(itemKey);
      result.push(item);
    }
  }
  return result;
}

/**
 * How two duplicate accounts become one: the winner's values win, its blanks are filled from the loser, lists are
 * unioned without duplicates (by normalized phone, email, tag and address), custom fields filled where missing.
 */
export function planMerge(winner: AccountFields, loser: AccountFields): MergePlan {
  const merged: AccountFields = { ...winner, customFields: { ...winner.customFields } };
  const filledFromLoser: string[] = [];
  for (const field of scalarFields) {
    if (isBlank(winner[field]) && !isBlank(loser[field])) {
      (merged as unknown as Record<string, unknown>)[field] = loser[field];
      filledFromLoser.push(field);
    }
  }
  const lists = {
    phones: union(winner.phones, loser.phones, (phone) => normalizePhone(phone) ?? fold(phone)),
    emails: union(winner.emails, loser.emails, (email) => normalizeEmail(email) ?? fold(email)),
    tags: union(winner.tags, loser.tags, (tag) => tag.normalize('NFKC').trim().toLowerCase()),
    addresses: union(winner.addresses, loser.addresses, addressKey),
  };
  for (const field of ['phones', 'emails', 'tags', 'addresses'] as const) {
    if (lists[field].length > winner[field].length) filledFromLoser.push(field);
  }
  merged.phones = lists.phones;
  merged.emails = lists.emails;
  merged.tags = lists.tags;
  merged.addresses = lists.addresses;
  for (const [key, value] of Object.entries(loser.customFields)) {
    if (isBlank(winner.customFields[key]) && !isBlank(value)) {
      merged.customFields[key] = value;
      filledFromLoser.push(`customFields.${key}`);
    }
  }
  return { merged, filledFromLoser };
}
