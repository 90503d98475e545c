import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { changeFieldLabel, formatChangeSide, type TimelineChange } from './timeline-change-values';

/**
 * The fields a timeline entry changed, each "label: before → after" in the reader's words; a value the caller may
 * not read (named in extensions.redactedFields) shows as hidden with who may see it.
 */
export function TimelineChangeList({
  changes,
  redacted,
}: {
  changes: readonly TimelineChange[];
  /** Fields of this entry the API withheld. */
  redacted: ReadonlySet<string>;
}): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const f = { t, locale, timeZone };
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {changes.map((c) => (
        <li key={c.field}>
          <Typography.Text type="secondary">
            {t('account360.changeLabel', { field: changeFieldLabel(c.field, t) })}
          </Typography.Text>
          {redacted.has(c.field) ? (
            <Typography.Text type="secondary">
              <EyeInvisibleOutlined aria-hidden />{' '}
              {t('common.hiddenReason', { reason: t('account360.redactedReason') })}
            </Typography.Text>
          ) : (
            <Typography.Text>
              {t('account360.changeRow', {
                before: formatChangeSide(c, 'before', f),
                after: formatChangeSide(c, 'after', f),
              })}
            </Typography.Text>
          )}
        </li>
      ))}
    </ul>
  );
}
