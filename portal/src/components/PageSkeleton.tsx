import { Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a page shows while its data loads: the shape of the content, announced to screen readers. */
export function PageSkeleton({ rows = 6 }: { rows?: number }): ReactNode {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-label={t('common.loading')}>
      <Skeleton active title paragraph={{ rows }} />
    </div>
  );
}
