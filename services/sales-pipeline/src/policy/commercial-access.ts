// Who maintains the price book, who may see a contract's value, and who decides on quotes (quote-approval.ts holds
// the rule itself; this file only tells it who the caller is).
import { Roles, type Actor } from '@crm/platform/auth';
import type { ApproverFacts } from '../domain/quote-approval';
import { has, managesTeam } from './deal-access';

/** Products and prices are maintained by finance and crm-admin. */
export function canMaintainPriceBook(actor: Actor): boolean {
  return has(actor, Roles.finance) || has(actor, Roles.admin);
}

/**
 * A contract's value is finance data: finance, crm-admin, the contract's owner and the managers of its team see it;
 * everyone else who may read the deal (account readers, auditors) gets null.
 */
export function canSeeContractValue(actor: Actor, contract: { ownerId: string; teamId: string | null }): boolean {
  if (has(actor, Roles.finance) || has(actor, Roles.admin)) return true;
  return contract.ownerId === actor.id || managesTeam(actor, contract.teamId);
}

/** Reads of a contract value by finance and crm-admin (who see every contract) are audited. */
export function contractValueReadIsAudited(actor: Actor): boolean {
  return has(actor, Roles.finance) || has(actor, Roles.admin);
}

/** The caller as an approver of quotes: a sales manager manages the teams they belong to. */
export function approverFacts(actor: Actor): ApproverFacts {
  return {
    userId: actor.id,
    isAdmin: has(actor, Roles.admin),
    managedTeams: has(actor, Roles.salesManager) ? actor.teams : [],
  };
}
