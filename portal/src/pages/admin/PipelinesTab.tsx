import { Button, Card, Empty, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { useCursorPages } from '../../components/CursorPager';
import { PagedListFooter } from '../../components/PagedListFooter';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/format';
import { PipelineEditor } from './PipelineEditor';
import { AdminArchivePipelineMutation, AdminPipelinesQuery, type AdminPipeline } from './pipeline-queries';

type Stage = AdminPipeline['stages'][number];

/** Pipelines per page: each is a card with its stage table. */
const PAGE_SIZE = 20;

/** The live pipelines with their stages, a page at a time; create, edit (stages, order, probability, criteria, idle days), archive. */
export function PipelinesTab(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const pages = useCursorPages();
  const [{ data, error, fetching }, reload] = useQuery({
    query: AdminPipelinesQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const [archived, archive] = useMutation(AdminArchivePipelineMutation);
  const [editing, setEditing] = useState<AdminPipeline | 'new' | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });

  if (error) return <QueryError error={error} retry={refresh} />;
  if (fetching && !data) return <PageSkeleton rows={8} />;
  const connection = data?.pipelines;
  const pipelines = connection?.edges.map((e) => e.node) ?? [];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('admin.pipelines.intro')}
        </Typography.Paragraph>
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.pipelines.create')}
        </Button>
      </Flex>
      {archived.error && <QueryError error={archived.error} />}
      {pipelines.length === 0 && <Empty description={t('admin.pipelines.none')} />}
      {pipelines.map((pipeline) => (
        <Card
          key={pipeline.id}
          title={
            <Space wrap>
              <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                {pipeline.name}
              </Typography.Title>
              <Typography.Text type="secondary">{pipeline.businessLine}</Typography.Text>
              {pipeline.isDefault && <Tag color="blue">{t('admin.pipelines.isDefault')}</Tag>}
            </Space>
          }
          extra={
            <Space wrap>
              <Button onClick={() => setEditing(pipeline)}>{t('admin.edit')}</Button>
              <Popconfirm
                title={t('admin.pipelines.archiveConfirm', { name: pipeline.name })}
                okText={t('admin.pipelines.archive')}
                cancelText={t('common.cancel')}
                onConfirm={async () => {
                  const result = await archive({ id: pipeline.id, expectedVersion: pipeline.version });
                  if (!result.error) refresh();
                }}
              >
                <Button disabled={pipeline.isDefault}>{t('admin.pipelines.archive')}</Button>
              </Popconfirm>
            </Space>
          }
        >
          <Table<Stage>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 760 }}
            dataSource={pipeline.stages}
            columns={[
              { title: '#', key: 'position', width: 48, render: (_, _s, i) => i + 1 },
              { title: t('admin.pipelines.stageName'), dataIndex: 'name', key: 'name' },
              {
                title: t('admin.pipelines.kind'),
                dataIndex: 'kind',
                key: 'kind',
                render: (kind: Stage['kind']) => t(`admin.stageKinds.${kind}`),
              },
              {
                title: t('admin.pipelines.probability'),
                dataIndex: 'probability',
                key: 'probability',
                render: (p: string) => `${p}%`,
              },
              {
                title: t('admin.pipelines.forecastCategory'),
                dataIndex: 'forecastCategory',
                key: 'forecastCategory',
                render: (c: Stage['forecastCategory']) => t(`admin.forecastCategories.${c}`),
              },
              {
                title: t('admin.pipelines.entryCriteria'),
                dataIndex: 'entryCriteria',
                key: 'entryCriteria',
                render: (criteria: string[]) =>
                  criteria.length
                    ? criteria.map((c) => (
                        <Tag key={c}>{t(`admin.entryCriteria.${c}` as 'admin.entryCriteria.amount')}</Tag>
                      ))
                    : t('common.none'),
              },
              {
                title: t('admin.pipelines.idleDays'),
                dataIndex: 'idleDays',
                key: 'idleDays',
                render: (days: number | null | undefined) =>
                  days ? t('admin.pipelines.days', { count: days }) : t('common.none'),
              },
            ]}
          />
          <Typography.Text type="secondary">
            {t('admin.updatedAt', { at: formatDateTime(pipeline.updatedAt, locale, timeZone) })}
          </Typography.Text>
        </Card>
      ))}
      <PagedListFooter connection={connection} pages={pages} />
      {editing && (
        <PipelineEditor
          pipeline={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) refresh();
          }}
        />
      )}
    </Flex>
  );
}
