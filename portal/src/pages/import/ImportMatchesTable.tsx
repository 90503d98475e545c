import { Alert, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportRowMatch } from './import-upload';

/** Which existing account each row matched, on which key, and what the import does (or would do) with it. */
export function ImportMatchesTable({
  matches,
  truncated,
  dryRun,
}: {
  matches: readonly ImportRowMatch[];
  truncated: boolean;
  dryRun: boolean;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={4}>{t('import.matchesTitle')}</Typography.Title>
      {truncated && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          title={t('import.matchesTruncated', { count: matches.length })}
        />
      )}
      <Table<ImportRowMatch & { key: string }>
        size="small"
        scroll={{ x: 640 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('import.matchesNone') }}
        dataSource={matches.map((m) => ({ ...m, key: `${m.row}:${m.accountId}` }))}
        columns={[
          { title: t('import.matchRow'), dataIndex: 'row', key: 'row', width: 80 },
          {
            title: t('import.matchAccount'),
            dataIndex: 'accountName',
            key: 'account',
            render: (name: string, m) =>
              // A dry run's new rows are rolled back: a repeat of one has no account page to open.
              m.outcome === 'repeated' && dryRun ? name : <Link to={`/accounts/${m.accountId}`}>{name}</Link>,
          },
          {
            title: t('import.matchOn'),
            dataIndex: 'matchedOn',
            key: 'matchedOn',
            width: 140,
            render: (key: ImportRowMatch['matchedOn']) => t(`import.matchKey.${key}`),
          },
          {
            title: t('import.matchOutcome'),
            dataIndex: 'outcome',
            key: 'outcome',
            render: (outcome: ImportRowMatch['outcome']) =>
              dryRun ? t(`import.matchOutcomesDryRun.${outcome}`) : t(`import.matchOutcomes.${outcome}`),
          },
        ]}
      />
    </>
  );
}
