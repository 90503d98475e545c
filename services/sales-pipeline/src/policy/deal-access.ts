// Who may see and change a deal. Pure rules over plain facts; visibility-sql.ts is their SQL twin for lists, and
// docs/security.md tabulates them. Account facts come from the customer service's events (account_facts,
// account_grant_facts), so "anyone who may read its account" is decided here without a call per row.
import { Roles, type Actor } from '@crm/platform/auth';

export type AccessLevel = 'none' | 'read' | 'edit';

export interface AccountFacts {
  ownerId: string | null;
  teamId: string | null;
  /** Unexpired shares and approved access requests of this actor on the account. */
  grants: ('read' | 'edit')[];
}

export interface DealFacts {
  ownerId: string;
  teamId: string | null;
  /** Null while the customer service's events about the account have not arrived. */
  account: AccountFacts | null;
}

export const has = (actor: Actor, role: string): boolean => actor.roles.includes(role);

/** A manager of the team: the sales-manager or service-manager role plus membership of that team. */
export function managesTeam(actor: Actor, teamId: string | null): boolean {
  return (
    !!teamId && (has(actor, Roles.salesManager) || has(actor, Roles.serviceManager)) && actor.teams.includes(teamId)
  );
}

/** Sales reps and managers see the shared pool's accounts (公海), so they see its deals too. */
export function seesPool(actor: Actor): boolean {
  return has(actor, Roles.salesRep) || has(actor, Roles.salesManager);
}

/** The customer service's rule for reading an account, restricted to what a deal needs (read or not). */
export function mayReadAccount(actor: Actor, account: AccountFacts | null): boolean {
  if (has(actor, Roles.admin) || has(actor, Roles.auditor) || has(actor, Roles.finance)) return true;
  if (!account) return false;
  if (account.ownerId === actor.id || managesTeam(actor, account.teamId)) return true;
  if (!account.ownerId && seesPool(actor)) return true;
  return account.grants.length > 0;
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
