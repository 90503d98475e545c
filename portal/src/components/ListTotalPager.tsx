import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorPager, type CursorPages } from './CursorPager';

/** The line under a paged list: its total (said to be an estimate when it is one) and the cursor pager. */
export function ListTotalPager({
  connection,
  pager,
}: {
  connection: { totalCount: number; totalCountIsEstimate: boolean } | undefined;
  pager: ReturnType<CursorPages['pager']>;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" wrap gap="small" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" aria-live="polite">
        {connection &&
          (connection.totalCountIsEstimate
            ? t('common.totalEstimate', { count: connection.totalCount })
            : t('common.total', { count: connection.totalCount }))}
      </Typography.Text>
      <CursorPager {...pager} />
    </Flex>
  );
}
