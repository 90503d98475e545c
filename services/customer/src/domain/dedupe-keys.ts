import type { AccountFields } from './account';
import { normalizeCompanyName } from './company-name';
import { normalizeEmail } from './email-address';
import { phoneKey } from './phone-number';
import { checkTaxId, normalizeTaxId } from './tax-id';

/** The normalized keys an account is looked up by when checking for duplicates. */
export interface DedupeKeys {
  taxId: string | null;
  emails: string[];
  phones: string[];
  name: string | null;
}

export type DuplicateMatch = 'tax_id' | 'email' | 'phone' | 'name';

function uniqueSorted(values: (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))].sort();
}

/** Keys of an account; values that do not normalize (a bad email, a blank tax id) give no key. */
export function dedupeKeys(fields: Pick<AccountFields, 'name' | 'taxId' | 'phones' | 'emails'>): DedupeKeys {
  const taxId = fields.taxId === null ? null : normalizeTaxId(fields.taxId);
  const name = normalizeCompanyName(fields.name);
  return {
    taxId: taxId !== null && checkTaxId(taxId).length === 0 ? taxId : null,
    emails: uniqueSorted(fields.emails.map(normalizeEmail)),
    phones: uniqueSorted(fields.phones.map((phone) => phoneKey(phone))),
    name: name === '' ? null : name,
  };
}

/** Which keys two accounts share, strongest first (a tax id identifies a company; a name only hints). */
export function matchedOn(candidateKeys: DedupeKeys, existingKeys: DedupeKeys): DuplicateMatch[] {
  const matches: DuplicateMatch[] = [];
  if (candidateKeys.taxId !== null && candidateKeys.taxId === existingKeys.taxId) matches.push('tax_id');
  if (candidateKeys.emails.some((email) => existingKeys.emails.includes(email))) matches.push('email');
  if (candidateKeys.phones.some((phone) => existingKeys.phones.includes(phone))) matches.push('phone');
  if (candidateKeys.name !== null && candidateKeys.name === existingKeys.name) matches.push('name');
  return matches;
}
