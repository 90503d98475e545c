// Who sees and sets forecasts, quotas and exchange rates. Teams are record attributes (a deal's or a quota's team), as
// for accounts: a manager's reach is the records of the teams they manage. docs/security.md tabulates these rules.
import { Roles, type Actor } from '@crm/platform/auth';
import { has } from './deal-access';
import { notAllowed } from '../domain/rule-errors';

export type ForecastScope = { kind: 'owner'; id: string } | { kind: 'team'; id: string };

/** The deals and quotas a forecast of `scope` may count for this actor: all of the scope's, or only these teams'. */
export type ForecastReach = { teams: 'all' } | { teams: string[] };

/** Finance, auditors and crm-admin see every forecast. */
function seesAllForecasts(actor: Actor): boolean {
  return has(actor, Roles.admin) || has(actor, Roles.finance) || has(actor, Roles.auditor);
}

function managedTeams(actor: Actor): string[] {
  return has(actor, Roles.salesManager) ? actor.teams : [];
}

/**
 * A rep sees their own forecast; a manager a team they manage and, for one of their reps, that rep's records in the
 * teams they manage; finance, auditors and crm-admin everything. Anything else is refused with FORBIDDEN.
 */
export function forecastReach(actor: Actor, scope: ForecastScope): ForecastReach {
  if (seesAllForecasts(actor)) return { teams: 'all' };
  if (scope.kind === 'owner') {
    if (scope.id === actor.id) return { teams: 'all' };
    const teams = managedTeams(actor);
    if (teams.length) return { teams };
    throw notAllowed(['scope', 'ownerId'], 'own_forecast', 'a rep sees only their own forecast');
  }
  if (managedTeams(actor).includes(scope.id)) return { teams: [scope.id] };
  throw notAllowed(['scope', 'teamId'], 'team_manager', `only a manager of team ${scope.id} sees its forecast`);
}

/** A team's forecast is adjusted, and its reps' quotas set, by a sales manager of that team or crm-admin. */
export function requireTeamManager(actor: Actor, teamId: string, path: (string | number)[]): void {
  if (has(actor, Roles.admin) || managedTeams(actor).includes(teamId)) return;
  throw notAllowed(path, 'team_manager', `only a sales manager of team ${teamId} or crm-admin may do this`);
}

/** Exchange rates are maintained by finance (people and the finance system) and crm-admin. */
export function requireRateMaintainer(actor: Actor): void {
  if (has(actor, Roles.finance) || has(actor, Roles.admin)) return;
  throw notAllowed(['currency'], 'rate_maintainer', 'only finance and crm-admin maintain exchange rates');
}
