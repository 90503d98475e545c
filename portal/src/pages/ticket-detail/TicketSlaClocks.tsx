import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatDateTime, formatNumber } from '../../format/format';
import type { SlaTargetState, TicketDetailClockFragment, TicketDetailQuery } from '../../graphql/gen/graphql';
import { SlaCountdown } from '../tickets/SlaCountdown';
import { TONE_STYLES, type TicketTone } from '../tickets/ticket-tones';

type TicketSla = NonNullable<NonNullable<TicketDetailQuery['ticket']>['sla']>;

const stateTones: Record<SlaTargetState, TicketTone> = {
  NOT_APPLICABLE: 'neutral',
  RUNNING: 'info',
  PAUSED: 'neutral',
  MET: 'success',
  BREACHED: 'danger',
};

function Clock({ clock }: { clock: TicketDetailClockFragment }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const counting = clock.state === 'RUNNING' || clock.state === 'PAUSED' || clock.state === 'BREACHED';
  return (
    <>
      <Tag style={TONE_STYLES[stateTones[clock.state]]}>{t(`ticketDetail.sla.state.${clock.state}`)}</Tag>
      {counting && clock.deadline && (
        <SlaCountdown deadline={clock.deadline} warningAt={clock.warningAt} paused={clock.paused} />
      )}
      <div>
        <Typography.Text type="secondary">
          {clock.deadline && formatDateTime(clock.deadline, locale, timeZone)}
          {clock.deadline && ' · '}
          {t('ticketDetail.sla.used', {
            elapsed: formatNumber(Math.round(clock.elapsedBusinessMinutes), locale),
            target: formatNumber(clock.targetBusinessMinutes, locale),
          })}
        </Typography.Text>
      </div>
    </>
  );
}

/** The three SLA clocks (first response, next response, resolution) with live countdowns. */
export function TicketSlaClocks({ sla }: { sla: TicketSla | null }): ReactNode {
  const { t } = useTranslation();
  return (
    <Card title={t('ticketDetail.sla.title')}>
      {!sla ? (
        <Typography.Text type="secondary">{t('ticketDetail.sla.none')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('ticketDetail.sla.policy', { name: sla.policy.name, grade: sla.grade })}
          </Typography.Paragraph>
          {sla.recomputePending && <Alert type="info" showIcon title={t('ticketDetail.sla.recomputing')} />}
          <Descriptions
            column={1}
            size="small"
            items={[sla.firstResponse, sla.nextResponse, sla.resolution].map((clock) => ({
              key: clock.target,
              label: t(`ticketDetail.sla.target.${clock.target}`),
              children: (
                <div>
                  <Clock clock={clock} />
                </div>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}
