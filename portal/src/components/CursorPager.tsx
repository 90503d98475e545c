import { Flex, Pagination, Typography } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Where a connection page ends, as the API reports it. */
export interface PageEnd {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface CursorPages {
  /** The `after` of the page shown (null for the first). */
  after: string | null;
  page: number;
  /** Back to the first page (after the filters change). */
  reset(): void;
  /** Pager props for the page shown, given where it ends. */
  pager(end: PageEnd | undefined): { current: number; pages: number; onChange(page: number): void };
}

/**
 * Cursor paging by page number: the cursors of the pages seen so far are kept, so the user can go back and forward;
 * one page more is offered while the API says there is a next one.
 */
export function useCursorPages(): CursorPages {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(1);
  const reset = useCallback(() => {
    setCursors([null]);
    setPage(1);
  }, []);
  const pager = (end: PageEnd | undefined) => ({
    current: page,
    pages: end?.hasNextPage ? Math.max(page + 1, cursors.length) : page,
    onChange: (next: number) => {
      const endCursor = end?.endCursor;
      if (next > page && endCursor) setCursors((c) => [...c.slice(0, page), endCursor]);
      setPage(next);
    },
  });
  return { after: cursors[page - 1] ?? null, page, reset, pager };
}

/** The compact pager of a cursor-paged list: "‹ 2 / 3 ›". */
export function CursorPager({ current, pages, onChange }: ReturnType<CursorPages['pager']>): ReactNode {
  return <Pagination simple current={current} pageSize={1} total={pages} onChange={onChange} />;
}

/** Under a paged table: the list's total ("about" when estimated) and the pager. */
export function PagedListFooter({
  connection,
  pages,
}: {
  connection: { totalCount: number; totalCountIsEstimate: boolean; pageInfo: PageEnd };
  pages: CursorPages;
}): ReactNode {
  const { t } = useTranslation();
  const count = connection.totalCount;
  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Typography.Text type="secondary">
        {connection.totalCountIsEstimate ? t('common.totalEstimate', { count }) : t('common.total', { count })}
      </Typography.Text>
      <CursorPager {...pages.pager(connection.pageInfo)} />
    </Flex>
  );
}
