import { Empty, Flex, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { TicketQueueName } from '../../components/TicketQueueName';
import { useAllTeams } from '../../components/use-all-teams';
import { graphql } from '../../graphql/gen';
import type { AdminAssignmentRulesQuery as Data } from '../../graphql/gen/graphql';
import { ruleTags } from './rule-tags';
import { TicketAssignmentRulesSection } from './TicketAssignmentRulesSection';

const AdminAssignmentRulesQuery = graphql(`
  query AdminAssignmentRules {
    leadAssignmentRules {
      id
      priority
      strategy
      teamId
      members
      match {
        regions
        industries
        sources
      }
    }
  }
`);

/** How leads and tickets are routed: the rules in the order they are tried (read-only here). */
export function AssignmentRulesTab(): ReactNode {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reload] = useQuery({ query: AdminAssignmentRulesQuery });
  const { rows: realmTeams } = useAllTeams();
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={6} />;
  const any = t('admin.rules.any');
  // Rules name their team by id; a team the realm no longer has shows its id and says so.
  const teams = new Map(realmTeams.map((team) => [team.id, team]));
  const teamName = (teamId: string) => <TicketQueueName teamId={teamId} queue={teams.get(teamId) ?? null} />;
  return (
    <Flex vertical gap={24}>
      <section aria-labelledby="admin-lead-rules">
        <Typography.Title level={3} id="admin-lead-rules">
          {t('admin.rules.leads')}
        </Typography.Title>
        <Table<Data['leadAssignmentRules'][number]>
          rowKey="id"
          size="small"
          scroll={{ x: 760 }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('admin.rules.noLeadRules')} /> }}
          dataSource={data?.leadAssignmentRules ?? []}
          columns={[
            { title: t('admin.rules.order'), dataIndex: 'priority', key: 'priority', width: 72 },
            {
              title: t('admin.rules.strategy'),
              dataIndex: 'strategy',
              key: 'strategy',
              render: (s: Data['leadAssignmentRules'][number]['strategy']) => t(`admin.rules.strategies.${s}`),
            },
            { title: t('admin.rules.team'), key: 'team', render: (_, r) => teamName(r.teamId) },
            { title: t('admin.rules.regions'), key: 'regions', render: (_, r) => ruleTags(r.match.regions, any) },
            {
              title: t('admin.rules.industries'),
              key: 'industries',
              render: (_, r) => ruleTags(r.match.industries, any),
            },
            { title: t('admin.rules.sources'), key: 'sources', render: (_, r) => ruleTags(r.match.sources, any) },
            {
              title: t('admin.rules.members'),
              key: 'members',
              render: (_, r) => t('admin.rules.memberCount', { count: r.members.length }),
            },
          ]}
        />
      </section>
      <TicketAssignmentRulesSection teamName={teamName} />
    </Flex>
  );
}
