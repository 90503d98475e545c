// Who may see and change the money side of a contract (its payment plan and receipts). Pure rule; docs/security.md
// tabulates it. Auditors and readers of the deal's account do not see it: contract money is finance data.
import { Roles, type Actor } from '@crm/platform/auth';
import { has, managesTeam } from './deal-access';

export interface ContractOwnership {
  ownerId: string;
  teamId: string | null;
}

/** The contract's owner, the managers of its team, finance and crm-admin. */
export function mayManageContractMoney(actor: Actor, contract: ContractOwnership): boolean {
  if (has(actor, Roles.admin) || has(actor, Roles.finance)) return true;
  return contract.ownerId === actor.id || managesTeam(actor, contract.teamId);
}
