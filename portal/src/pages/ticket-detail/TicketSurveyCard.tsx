import { Card, Rate, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatDateTime } from '../../format/format';
import type { SurveyStatus } from '../../graphql/gen/graphql';
import { TONE_STYLES, type TicketTone } from '../tickets/ticket-tones';

export interface TicketSurvey {
  status: SurveyStatus;
  rating: number | null;
  comment: string | null;
  sentAt: string;
  answeredAt: string | null;
  expiresAt: string;
}

const statusTones: Record<SurveyStatus, TicketTone> = { SENT: 'info', ANSWERED: 'success', EXPIRED: 'neutral' };

/** The customer's answer to the satisfaction survey of the latest resolution. */
export function TicketSurveyCard({ survey }: { survey: TicketSurvey | null }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  return (
    <Card title={t('ticketDetail.survey.title')}>
      {!survey ? (
        <Typography.Text type="secondary">{t('ticketDetail.survey.none')}</Typography.Text>
      ) : (
        <>
          <Tag style={TONE_STYLES[statusTones[survey.status]]}>{t(`ticketDetail.survey.status.${survey.status}`)}</Tag>
          {survey.rating !== null && (
            <div>
              <Rate disabled value={survey.rating} aria-hidden />{' '}
              <Typography.Text strong>{t('ticketDetail.survey.rating', { rating: survey.rating })}</Typography.Text>
            </div>
          )}
          {survey.status === 'ANSWERED' && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {survey.comment || t('ticketDetail.survey.noComment')}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('ticketDetail.survey.sentAt', { at: formatDateTime(survey.sentAt, locale, timeZone) })}
            {survey.answeredAt &&
              ` · ${t('ticketDetail.survey.answeredAt', { at: formatDateTime(survey.answeredAt, locale, timeZone) })}`}
            {survey.status === 'SENT' &&
              ` · ${t('ticketDetail.survey.expiresAt', { at: formatDateTime(survey.expiresAt, locale, timeZone) })}`}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
