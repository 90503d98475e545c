import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPriority, TicketStatus } from '../../graphql/gen/graphql';
import { TONE_STYLES, type TicketTone } from './ticket-tones';

const statusTones: Record<TicketStatus, TicketTone> = {
  NEW: 'info',
  ASSIGNED: 'info',
  IN_PROGRESS: 'progress',
  WAITING_ON_CUSTOMER: 'warning',
  RESOLVED: 'success',
  CLOSED: 'neutral',
};

/** A ticket's status as a tag: the word says it, the colour only helps scanning. */
export function TicketStatusTag({ status }: { status: TicketStatus }): ReactNode {
  const { t } = useTranslation();
  return <Tag style={TONE_STYLES[statusTones[status]]}>{t(`tickets.status.${status}`)}</Tag>;
}

export function TicketPriorityTag({ priority }: { priority: TicketPriority }): ReactNode {
  const { t } = useTranslation();
  const urgent = priority === 'URGENT' || priority === 'HIGH';
  return (
    <Tag
      style={TONE_STYLES[urgent ? 'danger' : 'neutral']}
      icon={urgent ? <ExclamationCircleOutlined aria-hidden /> : undefined}
    >
      {t(`tickets.priority.${priority}`)}
    </Tag>
  );
}

export function ComplaintTag(): ReactNode {
  const { t } = useTranslation();
  return <Tag style={TONE_STYLES.accent}>{t('tickets.complaint')}</Tag>;
}
