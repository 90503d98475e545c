// Who configures assignment rules and who hands a ticket to whom. Pure rules over the actor's roles and teams;
// docs/security.md tabulates them. Whether the new agent is an enabled member of the ticket's team is asked of the
// Keycloak directory by application/ticket-assignment-checks.ts.
import { Roles, type Actor } from '@crm/platform/auth';

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
 * crm-admin assigns any ticket, a service manager the tickets of the teams they manage; an agent may only claim an
 * unassigned ticket of their own queue for themselves ("claim"), never hand a ticket to someone else.
 */
export function mayAssign(actor: Actor, ticket: AssignableTicket, newAgentId: string | null): boolean {
  if (has(actor, Roles.admin) || managesServiceTeam(actor, ticket.teamId)) return true;
  return (
    has(actor, Roles.serviceAgent) &&
    actor.teams.includes(ticket.teamId) &&
    ticket.agentId === null &&
    newAgentId === actor.id
  );
}
