import { Roles, type Actor } from '@crm/platform/auth';
import { has, seesPool } from './deal-access';

/**
 * The SQL twin of dealAccess(...) !== 'none' for lists, over `opportunities` aliased `alias`. Returns the condition
 * and its parameters, numbered from `firstParam`. Keep it in step with deal-access.ts (test/deal-access.int-spec.ts
 * checks both against the same rows).
 */
export function dealVisibilitySql(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  if (has(actor, Roles.admin) || has(actor, Roles.auditor) || has(actor, Roles.finance)) {
    return { sql: 'true', params: [] };
  }
  const isManager = has(actor, Roles.salesManager) || has(actor, Roles.serviceManager);
  const [me, teams, manager, pool] = [firstParam, firstParam + 1, firstParam + 2, firstParam + 3].map((n) => `$${n}`);
  const sql = `(${alias}.owner_id = ${me}::uuid
    OR (${manager} AND ${alias}.team_id = ANY(${teams}::text[]))
    OR EXISTS (SELECT 1 FROM account_facts af WHERE af.account_id = ${alias}.account_id AND af.purged_at IS NULL
               AND af.deleted_at IS NULL
               AND (af.owner_id = ${me}::uuid OR (${manager} AND af.team_id = ANY(${teams}::text[]))
                    OR (af.owner_id IS NULL AND ${pool})))
    OR EXISTS (SELECT 1 FROM account_grant_facts g WHERE g.grantee_id = ${me}::uuid AND g.account_id = ${alias}.account_id
               AND (g.expires_at IS NULL OR g.expires_at > now())
               AND NOT EXISTS (SELECT 1 FROM account_facts d WHERE d.account_id = g.account_id
                               AND (d.deleted_at IS NOT NULL OR d.purged_at IS NOT NULL))))`;
  return { sql, params: [actor.id, actor.teams, isManager, seesPool(actor)] };
}
