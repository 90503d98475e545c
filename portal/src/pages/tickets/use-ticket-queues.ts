import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole } from '../../auth/session';
import { ticketQueueLabel } from '../../components/TicketQueueName';
import { useAllTeams } from '../../components/use-all-teams';
import { graphql } from '../../graphql/gen';

const MyQueuesQuery = graphql(`
  query TicketsMyQueues {
    me {
      id
      teamIds
      teams {
        id
        name
      }
    }
  }
`);

export interface QueueOption {
  value: string;
  label: string;
}

/**
 * The queues the caller may pick, by name: their teams (crm-admin: every team). Ids are team names (groups
 * /teams/<name>), as Ticket.teamId holds them, never the token's team_ids attribute.
 */
export function useTicketQueues(): readonly QueueOption[] {
  const { t } = useTranslation();
  const { user } = usePortal();
  const admin = hasRole(user, 'crm-admin');
  const [{ data: mine }] = useQuery({ query: MyQueuesQuery, pause: admin });
  const { rows: all } = useAllTeams({ pause: !admin });
  return useMemo(() => {
    if (admin) return all.map((team) => ({ value: team.id, label: team.name }));
    const teams = mine ? new Map(mine.me.teams.map((team) => [team.id, team])) : null;
    return (mine?.me.teamIds ?? user.teams ?? []).map((id) => ({
      value: id,
      label: teams ? ticketQueueLabel({ teamId: id, queue: teams.get(id) }, t) : id,
    }));
  }, [admin, all, mine, user.teams, t]);
}
