import type { EntityManager } from 'typeorm';
import { InputError } from '@crm/platform/errors';
import type { AccountFields } from '../domain/account';
import { validateAccountFields } from '../domain/account-rules';
import { dedupeKeys } from '../domain/dedupe-keys';
import type { AccountService, DuplicateCandidate } from './account-service';

export type DuplicateProbe = Pick<AccountFields, 'name' | 'taxId' | 'phones' | 'emails' | 'website'>;

/**
 * The accounts createAccount's BLOCK check would return for these fields, creating nothing: the same normalization
 * and the same lookup (AccountService.findDuplicates). Fields are checked as on create, so bad input names its field.
 */
export async function findDuplicateAccounts(
  manager: EntityManager,
  accounts: AccountService,
  probe: Partial<DuplicateProbe>,
  defaultPhoneCountry: string,
): Promise<DuplicateCandidate[]> {
  const given = Object.fromEntries(Object.entries(probe).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const { value, violations } = validateAccountFields(given, {
    mode: 'update',
    defaultPhoneCountry,
    customFieldDefinitions: [],
  });
  if (violations.length) throw new InputError(violations);
  return accounts.findDuplicates(
    manager,
    dedupeKeys({
      name: value.name ?? '',
      taxId: value.taxId ?? null,
      phones: value.phones ?? [],
      emails: value.emails ?? [],
    }),
  );
}
