import type { Actor } from '@crm/platform/auth';
import { has } from './account-access';
import { isUuid } from '../domain/uuid';

/**
 * The SQL condition (on alias `a`) selecting the accounts the actor may read: the list form of accountAccess.
 * `p` adds a parameter and returns its placeholder.
 */
export function accountVisibilitySql(actor: Actor, p: (value: unknown) => string): string {
  if (has(actor, 'crm-admin') || has(actor, 'auditor') || has(actor, 'finance')) return 'true';
  const me = p(actor.id);
  const clauses = [
    isUuid(actor.id) ? `a.owner_id = ${me}::uuid` : 'false',
    `EXISTS (SELECT 1 FROM account_grants g WHERE g.account_id = a.id AND g.grantee_id = ${me}::text AND (g.expires_at IS NULL OR g.expires_at > now()))`,
  ];
  const managedTeams = has(actor, 'sales-manager') || has(actor, 'service-manager') ? actor.teams : [];
  if (managedTeams.length) clauses.push(`a.team_id = ANY(${p(managedTeams)}::text[])`);
  if (has(actor, 'sales-rep') || has(actor, 'sales-manager')) clauses.push('a.owner_id IS NULL');
  if (has(actor, 'service-agent'))
    clauses.push(`EXISTS (SELECT 1 FROM ticket_accounts t WHERE t.account_id = a.id AND t.agent_id = ${me}::text)`);
  if (has(actor, 'service-manager') && actor.teams.length)
    clauses.push(
      `EXISTS (SELECT 1 FROM ticket_accounts t WHERE t.account_id = a.id AND t.team_id = ANY(${p(actor.teams)}::text[]))`,
    );
  return `(${clauses.join(' OR ')})`;
}
