import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorPager, type CursorPages, type PageEnd } from './CursorPager';

/** What a paged list's footer reads from the connection shown. */
export interface CountedPageEnd {
  totalCount: number;
  totalCountIsEstimate: boolean;
  pageInfo: PageEnd;
}

/** Under a paged list: how many items it holds ("About" when estimated) and the pager of its pages. */
export function PagedListFooter({
  connection,
  pages,
}: {
  connection: CountedPageEnd | undefined;
  pages: CursorPages;
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
      <CursorPager {...pages.pager(connection?.pageInfo)} />
    </Flex>
  );
}
