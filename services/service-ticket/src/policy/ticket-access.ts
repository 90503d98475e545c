// Who may see and change a ticket. Pure rules over plain facts; ticketVisibilitySql is their SQL twin for lists and
// docs/security.md tabulates them. Account facts come from the customer service's events (@crm/platform/customer-
// accounts), so "sales staff read the tickets of accounts they may read" needs no call per row.
import { Roles, type Actor } from '@crm/platform/auth';
import {
  accountReadableSql,
  has,
  managesTeam,
  mayReadAccount,
  type AccountFacts,
} from '@crm/platform/customer-accounts';

export type AccessLevel = 'none' | 'read' | 'edit';

export interface TicketFacts {
  agentId: string | null;
  teamId: string;
}

const isAgent = (actor: Actor) => has(actor, Roles.serviceAgent);
const isSales = (actor: Actor) => has(actor, Roles.salesRep) || has(actor, Roles.salesManager);

/**
 * crm-admin edits every ticket and auditors read them; an agent works their own tickets and their teams' queues; a
 * service manager their teams' tickets; sales reps and managers read the tickets of accounts they may read.
 */
export function ticketAccess(actor: Actor, ticket: TicketFacts, account: AccountFacts | null): AccessLevel {
  if (has(actor, Roles.admin)) return 'edit';
  if (has(actor, Roles.auditor)) return 'read';
  if (isAgent(actor) && (ticket.agentId === actor.id || actor.teams.includes(ticket.teamId))) return 'edit';
  if (has(actor, Roles.serviceManager) && managesTeam(actor, ticket.teamId)) return 'edit';
  if (isSales(actor) && mayReadAccount(actor, account)) return 'read';
  return 'none';
}

/** Who opens tickets: service staff and crm-admin (sales staff read them, they do not open them). */
export function canCreateTickets(actor: Actor): boolean {
  return [Roles.serviceAgent, Roles.serviceManager, Roles.admin].some((r) => has(actor, r));
}

/**
 * The SQL twin of ticketAccess(...) !== 'none' over `tickets` aliased `alias`, with its parameters numbered from
 * `firstParam`. Keep it in step with ticketAccess (test/ticket-access.int-spec.ts checks both on the same rows).
 */
export function ticketVisibilitySql(
  actor: Actor,
  alias: string,
  firstParam: number,
): { sql: string; params: unknown[] } {
  if (has(actor, Roles.admin) || has(actor, Roles.auditor)) return { sql: 'true', params: [] };
  const clauses: string[] = [];
  const params: unknown[] = [];
  const next = () => `$${firstParam + params.length}`;
  if (isAgent(actor)) {
    const me = next();
    params.push(actor.id);
    const teams = next();
    params.push(actor.teams);
    clauses.push(`${alias}.agent_id = ${me}::uuid OR ${alias}.team_id = ANY(${teams}::text[])`);
  }
  if (has(actor, Roles.serviceManager)) {
    const teams = next();
    params.push(actor.teams);
    clauses.push(`${alias}.team_id = ANY(${teams}::text[])`);
  }
  if (isSales(actor)) {
    const account = accountReadableSql(actor, `${alias}.account_id`, firstParam + params.length);
    params.push(...account.params);
    clauses.push(account.sql);
  }
  return { sql: clauses.length ? `(${clauses.join(' OR ')})` : 'false', params };
}
