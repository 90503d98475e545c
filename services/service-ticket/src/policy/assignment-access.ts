// Who configures assignment rules and who hands a ticket to whom. Pure rules over the actor's roles and teams;
// docs/security.md tabulates them. Whether the new agent is an enabled member of the ticket's team is asked of the
// Keycloak directory by application/ticket-assignment-checks.ts.
import { Roles, type Actor } from '@crm/platform/auth';
import { NotAllowedError } from '@crm/platform/errors';

const has = (actor: Actor, role: string): boolean => actor.roles.includes(role);

/** A service manager manages the service teams they belong to (Keycloak groups /teams/<name>). */
export function managesServiceTeam(actor: Actor, teamId: string): boolean {
  return has(actor, Roles.serviceManager) && actor.teams.includes(teamId);
}

/** crm-admin configures every queue's assignment rules; a service manager those of the teams they manage. */
export function mayConfigureAssignment(actor: Actor, teamId: string): boolean {
  return has(actor, Roles.admin) || managesServiceTeam(actor, teamId);
}

/** The teams whose rules the actor may list; null: every team. */
export function assignmentTeamsOf(actor: Actor): string[] | null {
  if (has(actor, Roles.admin)) return null;
  return has(actor, Roles.serviceManager) ? actor.teams : [];
}

export interface AssignableTicket {
  teamId: string;
  agentId: string | null;
}

/**
 * crm-admin assigns any ticket, a service manager the tickets of the teams they manage. An agent may only claim an
 * unassigned ticket of their own queue for themselves and give back their own ticket, never hand one to someone else.
 */
export function mayAssign(actor: Actor, ticket: AssignableTicket, newAgentId: string | null): boolean {
  if (has(actor, Roles.admin) || managesServiceTeam(actor, ticket.teamId)) return true;
  if (!has(actor, Roles.serviceAgent)) return false;
  if (newAgentId === null) return ticket.agentId === actor.id;
  return (
    newAgentId === actor.id &&
    actor.teams.includes(ticket.teamId) &&
    (ticket.agentId === null || ticket.agentId === actor.id)
  );
}

/** mayAssign, refused with the rule the actor broke. */
export function requireMayAssign(actor: Actor, ticket: AssignableTicket, newAgentId: string | null): void {
  if (mayAssign(actor, ticket, newAgentId)) return;
  if (newAgentId !== null && newAgentId !== actor.id)
    throw new NotAllowedError('an agent takes a ticket only for themselves', { rule: 'self_assign' });
  if (newAgentId === null)
    throw new NotAllowedError('an agent gives back only their own tickets', { rule: 'self_assign' });
  throw new NotAllowedError('an agent claims only unassigned tickets of their own queue', { rule: 'claim' });
}
