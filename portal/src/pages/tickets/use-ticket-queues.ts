import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { ticketQueueLabel } from '../../components/TicketQueueName';
import { graphql } from '../../graphql/gen';

const MyQueuesQuery = graphql(`
  query TicketsMyQueues {
    me {
      id
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

/** The caller's teams (their queues) as select options by name; ids only until the names arrive. */
export function useTicketQueues(): readonly QueueOption[] {
  const { t } = useTranslation();
  const { user } = usePortal();
  const [{ data }] = useQuery({ query: MyQueuesQuery, pause: user.teamIds.length === 0 });
  return useMemo(() => {
    const teams = data ? new Map(data.me.teams.map((team) => [team.id, team])) : null;
    return user.teamIds.map((id) => ({
      value: id,
      label: teams ? ticketQueueLabel({ teamId: id, queue: teams.get(id) }, t) : id,
    }));
  }, [data, user.teamIds, t]);
}
