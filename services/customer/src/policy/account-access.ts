// Who may see and change an account. Pure rules over plain facts: the SQL filter in visibility-filter.ts mirrors them
// for lists, and docs/security.md tabulates them.
import type { Actor } from '@crm/platform/auth';

export type AccessLevel = 'none' | 'read' | 'edit';

export interface AccountAccessFacts {
  ownerId: string | null;
  teamId: string | null;
  /** Unexpired shares and approved access requests granted to this actor on this account. */
  grants: ('read' | 'edit')[];
  /**
   * The actor is the agent of a ticket of this account, or a service manager of its queue (projected from
   * service-ticket events).
   */
  hasTicket: boolean;
}

export const has = (actor: Actor, role: string): boolean => actor.roles.includes(role);

/** A manager of the account's team: the sales-manager or service-manager role plus membership of that team. */
export function managesTeam(actor: Actor, teamId: string | null): boolean {
  return !!teamId && (has(actor, 'sales-manager') || has(actor, 'service-manager')) && actor.teams.includes(teamId);
}

const rank: Record<AccessLevel, number> = { none: 0, read: 1, edit: 2 };
const max = (a: AccessLevel, b: AccessLevel): AccessLevel => (rank[a] >= rank[b] ? a : b);

export function accountAccess(actor: Actor, facts: AccountAccessFacts): AccessLevel {
  if (has(actor, 'crm-admin')) return 'edit';
  let level: AccessLevel = 'none';
  if (has(actor, 'auditor') || has(actor, 'finance')) level = 'read';
  if (facts.ownerId && facts.ownerId === actor.id) level = 'edit';
  if (managesTeam(actor, facts.teamId)) level = 'edit';
  // The shared pool (公海): every rep and manager sees unowned accounts, so they can claim them.
  if (!facts.ownerId && (has(actor, 'sales-rep') || has(actor, 'sales-manager'))) level = max(level, 'read');
  if (facts.hasTicket && (has(actor, 'service-agent') || has(actor, 'service-manager'))) level = max(level, 'read');
  for (const grant of facts.grants) level = max(level, grant);
  // Auditors read everything and change nothing, whatever else they hold.
  if (has(actor, 'auditor') && !has(actor, 'crm-admin')) level = level === 'none' ? 'none' : 'read';
  return level;
}

/** Credit limit, payment terms, bank and tax data: finance, the manager of the account's team, and crm-admin. */
export function canReadSensitive(actor: Actor, teamId: string | null): boolean {
  return has(actor, 'crm-admin') || has(actor, 'finance') || managesTeam(actor, teamId);
}

/** Sensitive fields are written by finance and crm-admin only. */
export function canWriteSensitive(actor: Actor): boolean {
  return has(actor, 'crm-admin') || has(actor, 'finance');
}

/** Who may give an account to someone else: its team's manager and crm-admin (reps move accounts through the pool). */
export function canReassign(actor: Actor, teamId: string | null): boolean {
  return has(actor, 'crm-admin') || managesTeam(actor, teamId);
}

/** Create accounts: sales roles and crm-admin; finance, auditors and service agents do not. */
export function canCreateAccounts(actor: Actor): boolean {
  return ['crm-admin', 'sales-rep', 'sales-manager'].some((r) => has(actor, r));
}

/** Merge and purge: managers and crm-admin. */
export function canMerge(actor: Actor): boolean {
  return has(actor, 'crm-admin') || has(actor, 'sales-manager');
}

/** Define custom fields: crm-admin only. */
export function canAdministerFields(actor: Actor): boolean {
  return has(actor, 'crm-admin');
}

/** Bulk import: sales roles and crm-admin. */
export function canImport(actor: Actor): boolean {
  return canCreateAccounts(actor);
}
