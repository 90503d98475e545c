import { customerEventsV1 } from '@crm/contracts';
import type { ConsumedEvent } from '@crm/platform/bus';
import { requireUuid } from '@crm/platform/customer-accounts';

/**
 * The account whose grade a customer event may have set in the projection (account_facts.grade): `graded` says so,
 * and created, updated and restored carry the whole account, so a ticket opened before the projection heard of its
 * account gets its grade's targets as soon as it does. Null for the other subjects.
 */
export function accountOfGradeChange(event: ConsumedEvent): string | null {
  const id = (value: string | undefined, field: string) => requireUuid(value ?? '', field, event);
  switch (event.subject) {
    case 'crm.customer.account.graded':
      return id(customerEventsV1.AccountGraded.decode(event.data).accountId, 'account_id');
    case 'crm.customer.account.created':
      return id(customerEventsV1.AccountCreated.decode(event.data).account?.id, 'account.id');
    case 'crm.customer.account.updated':
      return id(customerEventsV1.AccountUpdated.decode(event.data).account?.id, 'account.id');
    case 'crm.customer.account.restored':
      return id(customerEventsV1.AccountRestored.decode(event.data).account?.id, 'account.id');
    default:
      return null;
  }
}
