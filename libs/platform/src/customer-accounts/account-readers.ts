// The customer service's rule for reading an account, as other services apply it to their own records through the
// account facts projection (so "anyone who may read its account" needs no call per row). Keep both twins in step.
import { Roles, type Actor } from '../auth';
import type { AccountFacts } from './account-facts';

export const has = (actor: Actor, role: string): boolean => actor.roles.includes(role);

/** A manager of the team: the sales-manager or service-manager role plus membership of that team. */
export function managesTeam(actor: Actor, teamId: string | null): boolean {
  return (
    !!teamId && (has(actor, Roles.salesManager) || has(actor, Roles.serviceManager)) && actor.teams.includes(teamId)
  );
}

/** Sales reps and managers see the shared pool's accounts (公海). */
export function seesPool(actor: Actor): boolean {
  return has(actor, Roles.salesRep) || has(actor, Roles.salesManager);
}

/** The customer service's rule for reading an account, restricted to read or not. */
export function mayReadAccount(actor: Actor, account: AccountFacts | null): boolean {
  if (has(actor, Roles.admin) || has(actor, Roles.auditor) || has(actor, Roles.finance)) return true;
  if (!account) return false;
  if (account.ownerId === actor.id || managesTeam(actor, account.teamId)) return true;
  if (!account.ownerId && seesPool(actor)) return true;
  return account.grants.length > 0;
}

/**
 * The SQL twin of mayReadAccount for owners, team managers, the pool and grants (not the all-seeing roles: the caller
 * decides those), over the account id expression `accountId`. Parameters are numbered from `firstParam`.
 */
export function accountReadableSql(
  actor: Actor,
  accountId: string,
  firstParam: number,
): { sql: string; params: unknown[] } {
  const isManager = has(actor, Roles.salesManager) || has(actor, Roles.serviceManager);
  const [me, teams, manager, pool] = [firstParam, firstParam + 1, firstParam + 2, firstParam + 3].map((n) => `$${n}`);
  const sql = `(EXISTS (SELECT 1 FROM account_facts af WHERE af.account_id = ${accountId} AND af.purged_at IS NULL
               AND af.deleted_at IS NULL
               AND (af.owner_id = ${me}::uuid OR (${manager} AND af.team_id = ANY(${teams}::text[]))
                    OR (af.owner_id IS NULL AND ${pool})))
    OR EXISTS (SELECT 1 FROM account_grant_facts g WHERE g.grantee_id = ${me}::uuid AND g.account_id = ${accountId}
               AND (g.expires_at IS NULL OR g.expires_at > now())
               AND NOT EXISTS (SELECT 1 FROM account_facts d WHERE d.account_id = g.account_id
                               AND (d.deleted_at IS NOT NULL OR d.purged_at IS NOT NULL))))`;
  return { sql, params: [actor.id, actor.teams, isManager, seesPool(actor)] };
}
