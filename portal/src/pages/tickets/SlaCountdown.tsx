import {
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  PauseCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribeToSeconds } from './second-ticker';
import { TONE_STYLES } from './ticket-tones';

export type SlaUrgency = 'onTrack' | 'atRisk' | 'breached' | 'paused';

/** How urgent a deadline is at `now`: breached from the deadline on, at risk from the warning instant on. */
export function slaUrgency(now: number, deadline: string, warningAt: string | null, paused: boolean): SlaUrgency {
  const due = Date.parse(deadline);
  if (now >= due) return 'breached';
  if (paused) return 'paused';
  if (warningAt && now >= Date.parse(warningAt)) return 'atRisk';
  return 'onTrack';
}

/** "2h 14m" / "2小时14分": two units at most, seconds only in the last hour (the row ticks every second). */
export function formatSlaDuration(ms: number, t: TFunction): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return t('tickets.sla.daysHours', { days, hours });
  if (hours > 0) return t('tickets.sla.hoursMinutes', { hours, minutes });
  return t('tickets.sla.minutesSeconds', { minutes, seconds: String(seconds).padStart(2, '0') });
}

// The icon and words carry the meaning; the tint only helps scanning (dark on tint: WCAG AA).
const styles: Record<SlaUrgency, CSSProperties> = {
  onTrack: TONE_STYLES.success,
  atRisk: TONE_STYLES.warning,
  breached: TONE_STYLES.danger,
  paused: TONE_STYLES.neutral,
};

const icons: Record<SlaUrgency, ReactNode> = {
  onTrack: <ClockCircleOutlined aria-hidden />,
  atRisk: <WarningOutlined aria-hidden />,
  breached: <ExclamationCircleOutlined aria-hidden />,
  paused: <PauseCircleOutlined aria-hidden />,
};

export interface SlaCountdownProps {
  /** The deadline counted down to (ISO instant); nothing is due when null. */
  deadline: string | null | undefined;
  /** When the clock enters its last 20% (amber). */
  warningAt?: string | null;
  /** A paused clock (waiting on the customer) does not count down. */
  paused?: boolean;
}

/** A live countdown to an SLA deadline: ticks on its own every second, so the table around it never re-renders. */
export function SlaCountdown({ deadline, warningAt = null, paused = false }: SlaCountdownProps): ReactNode {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => (deadline ? subscribeToSeconds(setNow) : undefined), [deadline]);
  if (!deadline) return <span className="sla-countdown">{t('tickets.sla.nothingDue')}</span>;
  const urgency = slaUrgency(now, deadline, warningAt, paused);
  const duration = formatSlaDuration(Date.parse(deadline) - now, t);
  const text =
    urgency === 'breached'
      ? t('tickets.sla.overdue', { duration })
      : urgency === 'paused'
        ? t('tickets.sla.paused', { duration })
        : urgency === 'atRisk'
          ? t('tickets.sla.atRisk', { duration })
          : t('tickets.sla.left', { duration });
  return (
    <span
      className="sla-countdown"
      data-urgency={urgency}
      style={{
        ...styles[urgency],
        display: 'inline-flex',
        gap: 4,
        alignItems: 'center',
        padding: '0 7px',
        border: '1px solid',
        borderRadius: 4,
        whiteSpace: 'nowrap',
        fontVariantNumeric: 'tabular-nums',
      }}
    >
      {icons[urgency]}
      {text}
    </span>
  );
}
