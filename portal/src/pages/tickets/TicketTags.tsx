import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPriority, TicketStatus } from '../../graphql/gen/graphql';

const statusColours: Record<TicketStatus, string> = {
  NEW: 'blue',
  ASSIGNED: 'geekblue',
  IN_PROGRESS: 'purple',
  WAITING_ON_CUSTOMER: 'gold',
  RESOLVED: 'green',
  CLOSED: 'default',
};

/** A ticket's status as a tag: the word says it, the colour only helps scanning. */
export function TicketStatusTag({ status }: { status: TicketStatus }): ReactNode {
  const { t } = useTranslation();
  return <Tag color={statusColours[status]}>{t(`tickets.status.${status}`)}</Tag>;
}

export function TicketPriorityTag({ priority }: { priority: TicketPriority }): ReactNode {
  const { t } = useTranslation();
  const urgent = priority === 'URGENT' || priority === 'HIGH';
  return (
    <Tag color={urgent ? 'volcano' : undefined} icon={urgent ? <ExclamationCircleOutlined aria-hidden /> : undefined}>
      {t(`tickets.priority.${priority}`)}
    </Tag>
  );
}

export function ComplaintTag(): ReactNode {
  const { t } = useTranslation();
  return <Tag color="magenta">{t('tickets.complaint')}</Tag>;
}
