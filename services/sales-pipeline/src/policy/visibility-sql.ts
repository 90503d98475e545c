import { Roles, type Actor } from '@crm/platform/auth';
import { accountReadableSql } from '@crm/platform/customer-accounts';
import { has } from './deal-access';

/**
 * The SQL twin of dealAccess(...) !== 'none' for lists, over `opportunities` aliased `alias`. Returns the condition
 * and its parameters, numbered from `firstParam`. Keep it in step with deal-access.ts (test/deal-access.int-spec.ts
 * checks both against the same rows).
 */
export function dealVisibilitySql(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  if (has(actor, Roles.admin) || has(actor, Roles.auditor) || has(actor, Roles.finance)) {
    return { sql: 'true', params: [] };
  }
  const account = accountReadableSql(actor, `${alias}.account_id`, firstParam);
  const [me, teams, manager] = [firstParam, firstParam + 1, firstParam + 2].map((n) => `$${n}`);
  const sql = `(${alias}.owner_id = ${me}::uuid
    OR (${manager} AND ${alias}.team_id = ANY(${teams}::text[]))
    OR ${account.sql})`;
  return { sql, params: account.params };
}
