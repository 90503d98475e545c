// Who a new account may belong to: the rules createAccount and the CSV import share (docs/security.md).
import type { Actor } from '@crm/platform/auth';
import { canReassign, has } from './account-access';

export interface Ownership {
  ownerId?: string | null;
  teamId?: string | null;
}

export interface OwnershipRefusal {
  field: 'ownerId' | 'teamId';
  /** Stable name of the rule, for clients and import reports. */
  rule: 'owner_requires_team_manager' | 'team_membership';
  message: string;
}

/**
 * Fills what the caller left out (undefined): a rep's new account is theirs, and an actor in exactly one team puts it
 * in that team. An explicit null keeps the account in the pool or without a team.
 */
export function defaultOwnership<T extends Ownership>(actor: Actor, input: T): T {
  return {
    ...input,
    ownerId:
      input.ownerId === undefined && has(actor, 'sales-rep') && !has(actor, 'crm-admin') ? actor.id : input.ownerId,
    teamId: input.teamId === undefined && actor.teams.length === 1 ? actor.teams[0] : input.teamId,
  };
}

/**
 * Why the actor may not create an account with this owner and team, or null: only the team's manager or crm-admin
 * creates one for someone else, and only crm-admin puts one in a team they are not in.
 */
export function ownershipRefusal(actor: Actor, value: Ownership): OwnershipRefusal | null {
  const teamId = value.teamId ?? null;
  if (value.ownerId && value.ownerId !== actor.id && !canReassign(actor, teamId)) {
    return {
      field: 'ownerId',
      rule: 'owner_requires_team_manager',
      message: 'only the team manager or crm-admin may create an account for someone else',
    };
  }
  if (teamId && !actor.teams.includes(teamId) && !has(actor, 'crm-admin')) {
    return { field: 'teamId', rule: 'team_membership', message: `you are not in team ${teamId}` };
  }
  return null;
}
