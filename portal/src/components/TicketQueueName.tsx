import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A ticket's queue as the API gives it: the team id, and the team (null once the realm no longer has it). */
export interface TicketQueueRef {
  teamId: string;
  queue?: { name: string } | null;
}

/** The queue's name as plain text (select options, labels): a removed team is its id with the hint. */
export function ticketQueueLabel({ teamId, queue }: TicketQueueRef, t: TFunction): string {
  return queue ? queue.name : t('tickets.queueRemoved', { id: teamId });
}

/** The queue's name; a removed team shows its id and says so in words, not only in colour. */
export function TicketQueueName(ref: TicketQueueRef): ReactNode {
  const { t } = useTranslation();
  if (ref.queue) return ref.queue.name;
  return <Typography.Text type="secondary">{ticketQueueLabel(ref, t)}</Typography.Text>;
}
