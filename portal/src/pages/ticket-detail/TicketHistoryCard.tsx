import { Card, Empty, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatDateTime } from '../../format/format';
import type { TicketDetailQuery } from '../../graphql/gen/graphql';
import { ticketPersonName } from './ticket-person';

export type TicketHistoryEvent = NonNullable<TicketDetailQuery['ticket']>['history']['edges'][number]['node'];

/** The ticket's status moves, newest first, with who made them and why. */
export function TicketHistoryCard({ events }: { events: readonly TicketHistoryEvent[] }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone, user } = usePortal();
  return (
    <Card title={t('ticketDetail.history.title')}>
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketDetail.history.empty')} />
      ) : (
        <Timeline
          items={events.map((e) => ({
            key: e.id,
            content: (
              <>
                <div>
                  {e.fromStatus
                    ? t('ticketDetail.history.move', {
                        from: t(`tickets.status.${e.fromStatus}`),
                        to: t(`tickets.status.${e.toStatus}`),
                      })
                    : t('ticketDetail.history.created', { to: t(`tickets.status.${e.toStatus}`) })}
                </div>
                <Typography.Text type="secondary">
                  {t('ticketDetail.history.by', {
                    actor: ticketPersonName(e.actor, user.id, t),
                    at: formatDateTime(e.at, locale, timeZone),
                  })}
                </Typography.Text>
                {e.reason && <Typography.Paragraph style={{ marginBottom: 0 }}>“{e.reason}”</Typography.Paragraph>}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
