import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { TicketQueueName } from '../../components/TicketQueueName';
import { useAllTeams } from '../../components/use-all-teams';
import { LeadAssignmentRulesSection } from './LeadAssignmentRulesSection';
import { TicketAssignmentRulesSection } from './TicketAssignmentRulesSection';

/** How leads and tickets are routed: the rules in the order they are tried, each list paged (read-only here). */
export function AssignmentRulesTab(): ReactNode {
  const { rows: realmTeams, error, loading, refresh } = useAllTeams();
  if (error) return <QueryError error={error} retry={refresh} />;
  if (loading && realmTeams.length === 0) return <PageSkeleton rows={6} />;
  // Rules name their team by id; a team the realm no longer has shows its id and says so.
  const teams = new Map(realmTeams.map((team) => [team.id, team]));
  const teamName = (teamId: string) => <TicketQueueName teamId={teamId} queue={teams.get(teamId) ?? null} />;
  return (
    <Flex vertical gap={24}>
      <LeadAssignmentRulesSection teamName={teamName} />
      <TicketAssignmentRulesSection teamName={teamName} />
    </Flex>
  );
}
