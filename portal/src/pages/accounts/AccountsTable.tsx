import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/format';
import type { AccountsListQuery as AccountsListResult } from '../../graphql/gen/graphql';
import { toAccountQuery, type AccountCriteria } from './account-criteria';
import { AccountsListQuery } from './accounts-queries';
import { CursorPager } from './CursorPager';

export type AccountRow = AccountsListResult['accounts']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** The accounts matching the criteria, a cursor page at a time, with the total; rows selectable for bulk actions. */
export function AccountsTable({
  criteria,
  inPool,
  selected,
  onSelect,
  action,
  emptyText,
}: {
  criteria: AccountCriteria;
  inPool: boolean;
  selected?: AccountRow[];
  onSelect?(rows: AccountRow[]): void;
  action?(row: AccountRow): ReactNode;
  emptyText: string;
}): ReactNode {
  const { t } = useTranslation();
  const { user, locale, timeZone } = usePortal();
  // The cursors of the pages before the current one (cursor paging has no "page 7": back means the previous cursor).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [criteriaSeen, setCriteriaSeen] = useState(criteria);
  if (criteriaSeen !== criteria) {
    setCriteriaSeen(criteria);
    setCursors([null]);
  }
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }, reload] = useQuery({
    query: AccountsListQuery,
    variables: { ...toAccountQuery(criteria, inPool), first: PAGE_SIZE, after },
  });
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={8} />;
  const connection = data?.accounts;
  const columns: ColumnsType<AccountRow> = [
    {
      title: t('accounts.columns.name'),
      dataIndex: 'name',
      width: 240,
      render: (_: unknown, row) => <Link to={`/accounts/${row.id}`}>{row.name}</Link>,
    },
    {
      title: t('accounts.columns.grade'),
      dataIndex: 'grade',
      width: 80,
      render: (_: unknown, row) => (row.grade ? t(`accounts.gradeValue.${row.grade}`) : t('common.none')),
    },
    {
      title: t('accounts.columns.stage'),
      dataIndex: 'lifecycleStage',
      width: 120,
      render: (_: unknown, row) => t(`accounts.stageValue.${row.lifecycleStage}`),
    },
    {
      title: t('accounts.columns.tags'),
      dataIndex: 'tags',
      render: (_: unknown, row) => row.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
    },
    {
      title: t('accounts.columns.owner'),
      dataIndex: 'ownerId',
      width: 130,
      render: (_: unknown, row) =>
        !row.ownerId
          ? t('accounts.ownerPool')
          : row.ownerId === user.id
            ? t('accounts.ownerYou')
            : (row.owner?.displayName ?? t('accounts.ownerOther')),
    },
    {
      title: t('accounts.columns.lastActivity'),
      dataIndex: 'lastActivityAt',
      width: 190,
      render: (_: unknown, row) =>
        row.lastActivityAt ? formatDateTime(row.lastActivityAt, locale, timeZone) : t('accounts.never'),
    },
    {
      title: t('accounts.columnsFollowUp'),
      dataIndex: 'followUpDueAt',
      width: 190,
      render: (_: unknown, row) =>
        row.followUpDueAt ? formatDateTime(row.followUpDueAt, locale, timeZone) : t('common.none'),
    },
  ];
  if (action)
    // Pinned right: on a phone the action stays in reach while the other columns scroll.
    columns.push({
      title: t('accounts.columns.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, row) => action(row),
    });
  const total = connection
    ? connection.totalCountIsEstimate
      ? t('common.totalEstimate', { count: connection.totalCount })
      : t('common.total', { count: connection.totalCount })
    : '';
  return (
    <>
      <Table<AccountRow>
        rowKey="id"
        size="middle"
        loading={fetching}
        columns={columns}
        dataSource={connection?.edges.map((e) => e.node) ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={emptyText} /> }}
        rowSelection={
          onSelect
            ? {
                selectedRowKeys: (selected ?? []).map((r) => r.id),
                preserveSelectedRowKeys: true,
                // antd copies the header into an aria-hidden measuring row: a select-all box there is a hidden focus
                // stop (axe: aria-hidden-focus). "Select this page" sits below the table instead.
                hideSelectAll: true,
                onChange: (_keys, rows) => onSelect(rows.filter((r): r is AccountRow => !!r)),
                getCheckboxProps: (row) => ({ 'aria-label': row.name }),
              }
            : undefined
        }
      />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 12 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{total}</Typography.Text>
          {onSelect && connection && connection.edges.length > 0 && (
            <Button
              size="small"
              onClick={() => {
                const chosen = new Map((selected ?? []).map((r) => [r.id, r]));
                for (const { node } of connection.edges) chosen.set(node.id, node);
                onSelect([...chosen.values()]);
              }}
            >
              {t('accounts.selectPage')}
            </Button>
          )}
        </Flex>
        <CursorPager cursors={cursors} onChange={setCursors} pageInfo={connection?.pageInfo} />
      </Flex>
    </>
  );
}
