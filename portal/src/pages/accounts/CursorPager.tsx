import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Previous / next over cursor pages. `cursors` holds the `after` of every page up to the current one (null for the
 * first): cursor paging has no "page 7", so back means the cursor before.
 */
export function CursorPager({
  cursors,
  onChange,
  pageInfo,
}: {
  cursors: (string | null)[];
  onChange(cursors: (string | null)[]): void;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center" justify="end">
      <Typography.Text type="secondary">{t('accounts.pageOf', { page: cursors.length })}</Typography.Text>
      <Button disabled={cursors.length < 2} onClick={() => onChange(cursors.slice(0, -1))}>
        {t('accounts.previousPage')}
      </Button>
      <Button
        disabled={!pageInfo?.hasNextPage}
        onClick={() => pageInfo?.endCursor && onChange([...cursors, pageInfo.endCursor])}
      >
        {t('accounts.nextPage')}
      </Button>
    </Flex>
  );
}
