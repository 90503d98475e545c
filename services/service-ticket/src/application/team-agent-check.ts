import type { UserDirectory } from '@crm/platform/auth';
import { InputError, type FieldViolation } from '@crm/platform/errors';

/** What the check asks Keycloak. */
export type TeamDirectory = Pick<UserDirectory, 'isEnabled' | 'userTeams'>;

/** How many directory look-ups run at once when a rule names many agents. */
const lookupsAtOnce = 8;

async function isTeamAgent(directory: TeamDirectory, agentId: string, teamId: string): Promise<boolean> {
  if (!(await directory.isEnabled(agentId))) return false;
  return (await directory.userTeams(agentId)).includes(teamId);
}

/**
 * Refuses, naming each one, the agents who are not enabled members of the team in Keycloak: a ticket (or a rule's
 * turn) must never go to a leaver or to someone outside the queue.
 */
export async function requireTeamAgents(
  directory: TeamDirectory,
  teamId: string,
  agents: readonly { agentId: string; path: (string | number)[] }[],
): Promise<void> {
  const violations: FieldViolation[] = [];
  for (let start = 0; start < agents.length; start += lookupsAtOnce) {
    const batch = agents.slice(start, start + lookupsAtOnce);
    const answers = await Promise.all(batch.map((a) => isTeamAgent(directory, a.agentId, teamId)));
    batch.forEach((agent, index) => {
      if (!answers[index])
        violations.push({
          path: agent.path,
          rule: 'team_member',
          message: `must be an enabled user of team ${teamId}`,
        });
    });
  }
  if (violations.length) throw new InputError(violations);
}
