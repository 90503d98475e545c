import { Button, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { TicketQueueName } from '../../components/TicketQueueName';
import { formatDateTime } from '../../format/format';
import type { TicketsQueueQuery } from '../../graphql/gen/graphql';
import { clockOfNextDeadline } from './sla-clock-choice';
import { SlaCountdown } from './SlaCountdown';
import { ComplaintTag, TicketPriorityTag, TicketStatusTag } from './TicketTags';

export type QueueTicket = TicketsQueueQuery['tickets']['edges'][number]['node'];

export interface QueueActions {
  /** Shown on tickets without an agent to callers who take work from the queue. */
  canClaim: boolean;
  /** Managers and crm-admin: (re)assign any ticket of their teams. */
  canAssign: boolean;
  busyId: string | null;
  onClaim(ticket: QueueTicket): void;
  onAssign(ticket: QueueTicket): void;
}

/** The queue as a table (scrolls sideways on a phone); each SLA cell ticks on its own. */
export function TicketQueueTable({
  tickets,
  loading,
  actions,
}: {
  tickets: readonly QueueTicket[];
  loading: boolean;
  actions: QueueActions;
}): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone, user } = usePortal();
  const columns = useMemo<ColumnsType<QueueTicket>>(
    () => [
      {
        title: t('tickets.columns.number'),
        dataIndex: 'number',
        fixed: 'left',
        width: 150,
        render: (_: unknown, row) => <Link to={`/tickets/${row.id}`}>{row.number}</Link>,
      },
      {
        title: t('tickets.columns.sla'),
        dataIndex: 'sla',
        width: 220,
        render: (_: unknown, row) => {
          const sla = row.sla;
          const clock = sla
            ? clockOfNextDeadline(sla.nextDeadline, [sla.firstResponse, sla.nextResponse, sla.resolution])
            : null;
          return <SlaCountdown deadline={clock?.deadline} warningAt={clock?.warningAt} paused={clock?.paused} />;
        },
      },
      {
        title: t('tickets.columns.subject'),
        dataIndex: 'subject',
        width: 300,
        ellipsis: true,
        render: (_: unknown, row) => (
          <Flex gap={4} wrap align="center">
            <span>{row.subject}</span>
            {row.complaint && <ComplaintTag />}
          </Flex>
        ),
      },
      {
        title: t('tickets.columns.account'),
        dataIndex: 'account',
        width: 180,
        ellipsis: true,
        render: (_: unknown, row) =>
          row.account ? (
            <Link to={`/accounts/${row.account.id}`}>{row.account.name}</Link>
          ) : (
            <Typography.Text type="secondary">
              {t('common.hiddenReason', { reason: t('tickets.accountHiddenReason') })}
            </Typography.Text>
          ),
      },
      {
        title: t('tickets.columns.priority'),
        dataIndex: 'priority',
        width: 110,
        render: (_: unknown, row) => <TicketPriorityTag priority={row.priority} />,
      },
      {
        title: t('tickets.columns.status'),
        dataIndex: 'status',
        width: 150,
        render: (_: unknown, row) => <TicketStatusTag status={row.status} />,
      },
      {
        title: t('tickets.columns.queue'),
        dataIndex: 'queue',
        // Wraps rather than cuts: a removed team's hint must stay readable.
        width: 180,
        render: (_: unknown, row) => <TicketQueueName teamId={row.teamId} queue={row.queue} />,
      },
      {
        title: t('tickets.columns.agent'),
        dataIndex: 'agentId',
        width: 140,
        ellipsis: true,
        render: (_: unknown, row) =>
          !row.agentId ? (
            <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>
          ) : row.agentId === user.id ? (
            t('tickets.me')
          ) : (
            (row.agent?.displayName ?? row.agentId)
          ),
      },
      {
        title: t('tickets.columns.created'),
        dataIndex: 'createdAt',
        width: 180,
        render: (_: unknown, row) => formatDateTime(row.createdAt, locale, timeZone),
      },
      {
        title: t('tickets.columns.actions'),
        key: 'actions',
        width: 120,
        render: (_: unknown, row) => (
          <Flex gap={4}>
            {actions.canClaim && !row.agentId && (
              <Button size="small" loading={actions.busyId === row.id} onClick={() => actions.onClaim(row)}>
                {t('tickets.claim')}
              </Button>
            )}
            {actions.canAssign && (
              <Button size="small" onClick={() => actions.onAssign(row)}>
                {t('tickets.assign')}
              </Button>
            )}
          </Flex>
        ),
      },
    ],
    [t, locale, timeZone, user.id, actions],
  );
  // No rows: the empty state alone (a wide empty table would overflow a phone, and its scroll box hold nothing
  // a keyboard could reach it through).
  if (tickets.length === 0) return loading ? <PageSkeleton rows={5} /> : <Empty description={t('tickets.empty')} />;
  return (
    <Table<QueueTicket>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={tickets as QueueTicket[]}
      loading={loading}
      pagination={false}
      scroll={{ x: 1740 }}
      locale={{ emptyText: <Empty description={t('tickets.empty')} /> }}
    />
  );
}
