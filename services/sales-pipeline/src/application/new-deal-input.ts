import type { Actor } from '@crm/platform/auth';
import { InputError, NotAllowedError } from '@crm/platform/errors';
import { isUuid } from '@crm/platform/ids';
import { canCreateDeals } from '../policy/deal-access';
import type { CreateOpportunityInput } from './opportunity-service';

const amountPattern = /^\d{1,15}(\.\d{1,4})?$/;

/** The checked name, amount, currency and owner of a new deal; every refusal names the field under `path`. */
export function checkedDealInput(input: CreateOpportunityInput, actor: Actor, path: (string | number)[]) {
  if (!canCreateDeals(actor)) throw new NotAllowedError('only sales staff and crm-admin create opportunities');
  const name = input.name.trim();
  if (!name || name.length > 200) throw InputError.single([...path, 'name'], 'length', 'must be 1 to 200 characters');
  if (!isUuid(input.accountId)) throw InputError.single([...path, 'accountId'], 'uuid', 'must be a UUID');
  const amount = input.amount?.trim() || '0';
  if (!amountPattern.test(amount))
    throw InputError.single([...path, 'amount'], 'decimal', 'must be a decimal ≥ 0 with at most 4 fraction digits');
  const currency = input.currency.trim().toUpperCase();
  if (!Intl.supportedValuesOf('currency').includes(currency))
    throw InputError.single([...path, 'currency'], 'currency', 'must be an ISO 4217 currency code, e.g. CNY');
  const ownerId = input.ownerId ?? actor.id;
  if (!isUuid(ownerId)) throw InputError.single([...path, 'ownerId'], 'uuid', 'must be a UUID');
  return { name, amount, currency, ownerId };
}
