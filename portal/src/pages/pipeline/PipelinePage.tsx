import { Empty, Flex, Segmented, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageSkeleton } from '../../components/PageSkeleton';
import { useAllPages } from '../../components/use-all-pages';
import { QueryError } from '../../components/QueryError';
import { DealList } from './DealList';
import { PipelineBoardView } from './PipelineBoardView';
import { PipelinesQuery } from './pipeline-queries';

type View = 'board' | 'list';

const everyPipeline = {};

/** The pipeline page: pick a pipeline, see it as a kanban (drag deals between stages) or as a list. */
export function PipelinePage(): ReactNode {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // The picker offers every pipeline, so all pages are read.
  const {
    rows: pipelines,
    loading,
    error,
    refresh,
  } = useAllPages(PipelinesQuery, everyPipeline, (data) => data.pipelines);
  const [view, setView] = useState<View>(params.get('view') === 'list' ? 'list' : 'board');

  // None until every page is in: a pipeline named in the URL may be on a later page.
  const selected = loading
    ? undefined
    : (pipelines.find((p) => p.id === params.get('pipeline')) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0]);

  function update(next: { pipeline?: string; view?: View }): void {
    const merged = new URLSearchParams(params);
    if (next.pipeline) merged.set('pipeline', next.pipeline);
    if (next.view) merged.set('view', next.view);
    setParams(merged, { replace: true });
  }

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('pipeline.title')}
        </Typography.Title>
        {selected && (
          <Flex gap={8} wrap>
            <Select
              aria-label={t('pipeline.choosePipeline')}
              style={{ minWidth: 200 }}
              value={selected.id}
              onChange={(id: string) => update({ pipeline: id })}
              options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
            />
            <Segmented<View>
              aria-label={t('pipeline.view')}
              value={view}
              onChange={(v) => {
                setView(v);
                update({ view: v });
              }}
              options={[
                { value: 'board', label: t('pipeline.board') },
                { value: 'list', label: t('pipeline.list') },
              ]}
            />
          </Flex>
        )}
      </Flex>
      {error ? (
        <QueryError error={error} retry={refresh} />
      ) : loading ? (
        <PageSkeleton rows={8} />
      ) : !selected ? (
        <Empty description={t('pipeline.noPipelines')} />
      ) : view === 'board' ? (
        <PipelineBoardView key={selected.id} pipelineId={selected.id} />
      ) : (
        <DealList pipelineId={selected.id} stages={selected.stages} />
      )}
    </>
  );
}
