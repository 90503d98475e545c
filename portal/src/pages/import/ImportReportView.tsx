import { Alert, Col, Row, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatNumber } from '../../format/format';
import type { ImportReport } from './import-upload';
import { ImportMatchesTable } from './ImportMatchesTable';

type ReportError = ImportReport['errors'][number];

/**
 * What an import did or would do: the counts, the duplicates, and each refused row (row, column, rule). The service
 * names columns by the header it read; `headerOf` turns those back into the file's own headers.
 */
export function ImportReportView({
  report,
  headerOf,
}: {
  report: ImportReport;
  headerOf(serviceHeader: string): string;
}): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const counts: [string, number][] = [
    [t('import.counts.rowsRead'), report.rowsRead],
    [report.dryRun ? t('import.wouldCreate') : t('import.counts.created'), report.created],
    [report.dryRun ? t('import.wouldUpdate') : t('import.counts.updated'), report.updated],
    [t('import.counts.skipped'), report.skipped],
    [t('import.counts.unchanged'), report.unchanged],
    [t('import.counts.failed'), report.failed],
  ];
  return (
    <>
      <Typography.Title level={3}>
        {report.dryRun ? t('import.dryRunResult') : t('import.applyResult')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {counts.map(([title, value]) => (
          <Col key={title} xs={12} sm={8} lg={4}>
            <Statistic title={title} value={formatNumber(value, locale)} />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('import.readSummary', {
          rows: formatNumber(report.rowsRead, locale),
          seconds: formatNumber(Math.max(1, Math.round(report.durationMs / 1000)), locale),
        })}
      </Typography.Paragraph>
      {report.skipped + report.unchanged > 0 && (
        <Alert
          style={{ marginBlock: 16 }}
          type="info"
          showIcon
          title={t('import.duplicatesHint', { count: report.skipped + report.unchanged })}
        />
      )}
      {report.matches && (
        <ImportMatchesTable
          matches={report.matches}
          truncated={report.matchesTruncated ?? false}
          dryRun={report.dryRun}
        />
      )}
      <Typography.Title level={4}>{report.dryRun ? t('import.errorsTitle') : t('import.errorsDone')}</Typography.Title>
      {report.errorsTruncated && (
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          title={t('import.errorsTruncated', { count: report.errors.length })}
        />
      )}
      <Table<ReportError & { key: number }>
        size="small"
        scroll={{ x: 600 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('import.noErrors') }}
        dataSource={report.errors.map((e, key) => ({ ...e, key }))}
        columns={[
          { title: t('import.errorRow'), dataIndex: 'row', key: 'row', width: 80 },
          {
            title: t('import.errorField'),
            dataIndex: 'field',
            key: 'field',
            width: 180,
            render: (field: string) => (field ? headerOf(field) : '—'),
          },
          { title: t('import.errorReason'), dataIndex: 'reason', key: 'reason' },
        ]}
      />
    </>
  );
}
