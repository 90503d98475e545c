import { Button, Flex, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import type { CursorPages } from '../../components/use-cursor-pages';

/** A cursor-paged list of the forecast page (snapshots, quotas): its error with a retry, its rows, "load more". */
export function ForecastPagedTable<Row extends { id: string }>({
  list,
  columns,
  emptyText,
}: {
  list: CursorPages<Row>;
  columns: TableColumnsType<Row>;
  emptyText: string;
}): ReactNode {
  const { t } = useTranslation();
  if (list.error) return <QueryError error={list.error} retry={list.refresh} />;
  return (
    <>
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        dataSource={list.rows}
        locale={{ emptyText }}
        columns={columns}
      />
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button onClick={list.loadMore}>{t('forecast.snapshots.more')}</Button>
        </Flex>
      )}
    </>
  );
}
