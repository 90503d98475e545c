// Who may see and change a deal. Pure rules over plain facts; visibility-sql.ts is their SQL twin for lists, and
// docs/security.md tabulates them. Account facts come from the customer service's events (account_facts,
// account_grant_facts), so "anyone who may read its account" is decided here without a call per row.
import { Roles, type Actor } from '@crm/platform/auth';
import { has, managesTeam, mayReadAccount, seesPool, type AccountFacts } from '@crm/platform/customer-accounts';

export type AccessLevel = 'none' | 'read' | 'edit';

export type { AccountFacts };
export { has, managesTeam, mayReadAccount, seesPool };

export interface DealFacts {
  ownerId: string;
  teamId: string | null;
  /** Null while the customer service's events about the account have not arrived. */
  account: AccountFacts | null;
}

/**
 * A deal is visible to its owner, the managers of its team, anyone who may read its account, and to crm-admin,
 * finance and auditors; it is editable by its owner, their managers and crm-admin. Auditors never edit.
 */
export function dealAccess(actor: Actor, deal: DealFacts): AccessLevel {
  if (has(actor, Roles.admin)) return 'edit';
  if (has(actor, Roles.auditor)) return 'read';
  if (deal.ownerId === actor.id || managesTeam(actor, deal.teamId)) return 'edit';
  if (has(actor, Roles.finance) || mayReadAccount(actor, deal.account)) return 'read';
  return 'none';
}

/** Who creates deals: sales roles and crm-admin (finance, auditors and service staff do not). */
export function canCreateDeals(actor: Actor): boolean {
  return [Roles.salesRep, Roles.salesManager, Roles.admin].some((r) => has(actor, r));
}

/** Pipelines and stages are configured by crm-admin. */
export function canAdministerPipelines(actor: Actor): boolean {
  return has(actor, Roles.admin);
}
