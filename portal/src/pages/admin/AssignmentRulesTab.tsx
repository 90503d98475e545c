import { Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { TicketQueueName } from '../../components/TicketQueueName';
import { graphql } from '../../graphql/gen';
import type { AdminAssignmentRulesQuery as Data } from '../../graphql/gen/graphql';
import { LeadAssignmentRulesSection } from './LeadAssignmentRulesSection';
import { ruleTags } from './rule-tags';

const AdminAssignmentRulesQuery = graphql(`
  query AdminAssignmentRules {
    teams {
      id
      name
    }
    ticketAssignmentRules {
      id
      name
      position
      teamId
      strategy
      active
      members {
        agentId
        skills
      }
      match {
        categories
        skills
        complaint
        priority
      }
    }
  }
`);

/** How leads and tickets are routed: the rules in the order they are tried (read-only here). */
export function AssignmentRulesTab(): ReactNode {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reload] = useQuery({ query: AdminAssignmentRulesQuery });
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={6} />;
  const any = t('admin.rules.any');
  // Rules name their team by id; a team the realm no longer has shows its id and says so.
  const teams = new Map((data?.teams ?? []).map((team) => [team.id, team]));
  const teamName = (teamId: string) => <TicketQueueName teamId={teamId} queue={teams.get(teamId) ?? null} />;
  return (
    <Flex vertical gap={24}>
      <LeadAssignmentRulesSection teamName={teamName} />
      <section aria-labelledby="admin-ticket-rules">
        <Typography.Title level={3} id="admin-ticket-rules">
          {t('admin.rules.tickets')}
        </Typography.Title>
        <Table<Data['ticketAssignmentRules'][number]>
          rowKey="id"
          size="small"
          scroll={{ x: 860 }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('admin.rules.noTicketRules')} /> }}
          dataSource={data?.ticketAssignmentRules ?? []}
          columns={[
            { title: t('admin.rules.order'), dataIndex: 'position', key: 'position', width: 72 },
            { title: t('admin.rules.name'), dataIndex: 'name', key: 'name' },
            {
              title: t('admin.rules.status'),
              dataIndex: 'active',
              key: 'active',
              render: (active: boolean) =>
                active ? <Tag color="blue">{t('admin.rules.active')}</Tag> : <Tag>{t('admin.rules.inactive')}</Tag>,
            },
            {
              title: t('admin.rules.strategy'),
              dataIndex: 'strategy',
              key: 'strategy',
              render: (s: Data['ticketAssignmentRules'][number]['strategy']) => t(`admin.rules.strategies.${s}`),
            },
            { title: t('admin.rules.team'), key: 'team', render: (_, r) => teamName(r.teamId) },
            {
              title: t('admin.rules.categories'),
              key: 'categories',
              render: (_, r) => ruleTags(r.match.categories, any),
            },
            { title: t('admin.rules.skills'), key: 'skills', render: (_, r) => ruleTags(r.match.skills, any) },
            {
              title: t('admin.rules.members'),
              key: 'members',
              render: (_, r) => t('admin.rules.memberCount', { count: r.members.length }),
            },
          ]}
        />
      </section>
    </Flex>
  );
}
