import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatDateTime } from '../../format/format';
import type { AuditChainFragment } from '../../graphql/gen/graphql';

/** The restores an SRE re-anchored the chain after (`ops.js audit checkpoints rebase`): a verified chain says so. */
export function AuditChainRestores({ restores }: { restores: AuditChainFragment['restores'] }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  if (restores.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('audit.chain.restoresTitle')}
      description={
        <>
          <div>{t('audit.chain.restoresIntro')}</div>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {restores.map((restore) => (
              <li key={restore.seq}>
                <div>
                  {t('audit.chain.restoreLine', {
                    seq: restore.seq,
                    at: formatDateTime(restore.at, locale, timeZone),
                    by: restore.by,
                    restoredHeadSeq: restore.restoredHeadSeq,
                    fromCheckpoint: restore.fromCheckpoint,
                  })}
                </div>
                <div>{t('audit.chain.restoreReason', { reason: restore.reason })}</div>
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
