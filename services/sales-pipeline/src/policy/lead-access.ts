// Who may see and change a lead, and the SQL twin of the same rule for lists. docs/security.md tabulates them.
import { Roles, type Actor } from '@crm/platform/auth';
import { isUuid } from '@crm/platform/ids';
import type { AccessLevel } from './deal-access';
import { has } from './deal-access';

export interface LeadFacts {
  ownerId: string | null;
  /** The owner's team, or for an unassigned lead the team of the rule or web form that captured it. */
  teamId: string | null;
}

/** A sales manager who is a member of the team. */
function managesSalesTeam(actor: Actor, teamId: string | null): boolean {
  return !!teamId && has(actor, Roles.salesManager) && actor.teams.includes(teamId);
}

/**
 * A lead is visible and editable to its owner, the sales managers of its team (so unassigned leads reach the managers
 * of the team that captured them) and crm-admin; auditors read every lead.
 */
export function leadAccess(actor: Actor, lead: LeadFacts): AccessLevel {
  if (has(actor, Roles.admin)) return 'edit';
  if ((lead.ownerId !== null && lead.ownerId === actor.id) || managesSalesTeam(actor, lead.teamId)) return 'edit';
  if (has(actor, Roles.auditor)) return 'read';
  return 'none';
}

/** Who captures leads by hand or by import: sales roles and crm-admin. */
export function canCaptureLeads(actor: Actor): boolean {
  return [Roles.salesRep, Roles.salesManager, Roles.admin].some((r) => has(actor, r));
}

/** Manual (re)assignment: sales managers of the lead's team and crm-admin. */
export function canAssignLead(actor: Actor, lead: LeadFacts): boolean {
  return has(actor, Roles.admin) || managesSalesTeam(actor, lead.teamId);
}

/**
 * The new owner's teams the actor may put a lead into by hand: all of them for crm-admin, else those the sales manager
 * manages (a lead stays within the teams its assigner is responsible for, as a transferred deal does).
 */
export function assignableLeadTeams(actor: Actor, ownerTeams: readonly string[]): string[] {
  return has(actor, Roles.admin) ? [...ownerTeams] : ownerTeams.filter((team) => managesSalesTeam(actor, team));
}

/** The SQL twin of leadAccess(...) !== 'none' over `leads` aliased `alias`, parameters numbered from `firstParam`. */
export function leadVisibilitySql(actor: Actor, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  if (has(actor, Roles.admin) || has(actor, Roles.auditor)) return { sql: 'true', params: [] };
  const [me, teams, manager] = [firstParam, firstParam + 1, firstParam + 2].map((n) => `$${n}`);
  const sql = `(${alias}.owner_id = ${me}::uuid OR (${manager} AND ${alias}.team_id = ANY(${teams}::text[])))`;
  // A service account's subject may not be a UUID: compare with the nil UUID, which owns nothing.
  const id = isUuid(actor.id) ? actor.id : '00000000-0000-0000-0000-000000000000';
  return { sql, params: [id, actor.teams, has(actor, Roles.salesManager)] };
}
