import { Empty, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useCursorPages } from '../../components/CursorPager';
import { PagedListFooter } from '../../components/PagedListFooter';
import { QueryError } from '../../components/QueryError';
import { graphql } from '../../graphql/gen';
import type { AdminLeadAssignmentRulesQuery as Data } from '../../graphql/gen/graphql';
import { ruleTags } from './rule-tags';

/** Rules per page. */
const PAGE_SIZE = 50;

const AdminLeadAssignmentRulesQuery = graphql(`
  query AdminLeadAssignmentRules($first: Int, $after: String) {
    leadAssignmentRules(first: $first, after: $after) {
      edges {
        node {
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
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
      totalCountIsEstimate
    }
  }
`);

type Rule = Data['leadAssignmentRules']['edges'][number]['node'];

/** The lead assignment rules in the order they are tried, a page at a time (read-only here). */
export function LeadAssignmentRulesSection({ teamName }: { teamName(teamId: string): ReactNode }): ReactNode {
  const { t } = useTranslation();
  const any = t('admin.rules.any');
  const pages = useCursorPages();
  const [{ data, error, fetching }, reload] = useQuery({
    query: AdminLeadAssignmentRulesQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const connection = data?.leadAssignmentRules;
  return (
    <section aria-labelledby="admin-lead-rules">
      <Typography.Title level={3} id="admin-lead-rules">
        {t('admin.rules.leads')}
      </Typography.Title>
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          <Table<Rule>
            rowKey="id"
            size="small"
            scroll={{ x: 760 }}
            pagination={false}
            loading={fetching}
            locale={{ emptyText: <Empty description={t('admin.rules.noLeadRules')} /> }}
            dataSource={connection?.edges.map((e) => e.node) ?? []}
            columns={[
              { title: t('admin.rules.order'), dataIndex: 'priority', key: 'priority', width: 72 },
              {
                title: t('admin.rules.strategy'),
                dataIndex: 'strategy',
                key: 'strategy',
                render: (s: Rule['strategy']) => t(`admin.rules.strategies.${s}`),
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
          <PagedListFooter connection={connection} pages={pages} />
        </>
      )}
    </section>
  );
}
