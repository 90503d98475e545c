import { Empty, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useCursorPages } from '../../components/CursorPager';
import { PagedListFooter } from '../../components/PagedListFooter';
import { QueryError } from '../../components/QueryError';
import { graphql } from '../../graphql/gen';
import type { AdminTicketAssignmentRuleFragment as Rule } from '../../graphql/gen/graphql';
import { ruleTags } from './rule-tags';

/** Rules per page: a table row each. */
const RULE_PAGE_SIZE = 50;

const AdminTicketAssignmentRulesQuery = graphql(`
  query AdminTicketAssignmentRules($first: Int, $after: String) {
    ticketAssignmentRules(first: $first, after: $after) {
      edges {
        node {
          ...AdminTicketAssignmentRule
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
      totalCountIsEstimate
    }
  }

  fragment AdminTicketAssignmentRule on TicketAssignmentRule {
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
`);

/** The ticket assignment rules in the order they are tried, a page at a time (read-only here). */
export function TicketAssignmentRulesSection({ teamName }: { teamName(teamId: string): ReactNode }): ReactNode {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [{ data, error, fetching }, reload] = useQuery({
    query: AdminTicketAssignmentRulesQuery,
    variables: { first: RULE_PAGE_SIZE, after: pages.after },
  });
  const any = t('admin.rules.any');
  const connection = data?.ticketAssignmentRules;
  return (
    <section aria-labelledby="admin-ticket-rules">
      <Typography.Title level={3} id="admin-ticket-rules">
        {t('admin.rules.tickets')}
      </Typography.Title>
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          <Table<Rule>
            rowKey="id"
            size="small"
            scroll={{ x: 860 }}
            pagination={false}
            loading={fetching}
            locale={{ emptyText: <Empty description={t('admin.rules.noTicketRules')} /> }}
            dataSource={connection?.edges.map((e) => e.node) ?? []}
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
                render: (s: Rule['strategy']) => t(`admin.rules.strategies.${s}`),
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
          <PagedListFooter connection={connection} pages={pages} />
        </>
      )}
    </section>
  );
}
