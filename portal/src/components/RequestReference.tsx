import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** "Reference: <trace id>" under a failure, copyable, so a user can quote it and support can find the trace. */
export function RequestReference({ reference }: { reference: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <Typography.Text
      type="secondary"
      data-testid="request-reference"
      copyable={{ text: reference, tooltips: [t('errors.copyReference'), t('errors.referenceCopied')] }}
    >
      {t('errors.reference', { reference })}
    </Typography.Text>
  );
}
