// Who may see and change the money side of a contract (its payment plan and receipts). Pure rule; docs/security.md
// tabulates it. Auditors and readers of the deal's account do not see it: contract money is finance data.
import type { Actor } from '@crm/platform/auth';
import { canSeeContractValue } from './commercial-access';

export interface ContractOwnership {
  ownerId: string;
  teamId: string | null;
}

/**
 * The contract's owner, the managers of its team, finance and crm-admin: the same people who see its value
 * (commercial-access.ts), since a payment plan is that value split up.
 */
export function mayManageContractMoney(actor: Actor, contract: ContractOwnership): boolean {
  return canSeeContractValue(actor, contract);
}
