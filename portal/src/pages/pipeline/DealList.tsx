import { Button, Flex, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePortal } from '../../app/portal-context';
import { QueryError } from '../../components/QueryError';
import { useCursorPages } from '../../components/use-cursor-pages';
import { formatDate, formatDateTime, formatMoney } from '../../format/format';
import type { OpportunityFilter, OpportunityStatus, PipelineDealListQuery } from '../../graphql/gen/graphql';
import { DealListQuery } from './pipeline-queries';

type DealRow = PipelineDealListQuery['opportunities']['edges'][number]['node'];

const STATUSES: OpportunityStatus[] = ['OPEN', 'WON', 'LOST'];

/** One filter's deals, page by page (the parent keys it by the filter, so a new filter starts over). */
function DealTable({ filter }: { filter: OpportunityFilter }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const variables = useMemo(() => ({ filter }), [filter]);
  const state = useCursorPages(DealListQuery, variables, (data) => data.opportunities);

  return (
    <>
      <Typography.Paragraph type="secondary">
        {!state.loading || state.rows.length
          ? state.estimate
            ? t('common.totalEstimate', { count: state.totalCount })
            : t('common.total', { count: state.totalCount })
          : t('common.loading')}
      </Typography.Paragraph>
      {state.error && <QueryError error={state.error} retry={state.refresh} />}
      <Table<DealRow>
        rowKey="id"
        size="middle"
        loading={state.loading && state.rows.length === 0}
        dataSource={state.rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('pipeline.noDeals') }}
        columns={[
          {
            title: t('pipeline.col.name'),
            key: 'name',
            render: (_, deal) => <Link to={`/opportunities/${deal.id}`}>{deal.name}</Link>,
          },
          {
            title: t('pipeline.col.account'),
            key: 'account',
            render: (_, deal) =>
              deal.account ? (
                <Link to={`/accounts/${deal.account.id}`}>{deal.account.name}</Link>
              ) : (
                <Typography.Text type="secondary">
                  {t('common.hiddenReason', { reason: t('pipeline.accountHidden') })}
                </Typography.Text>
              ),
          },
          { title: t('pipeline.col.stage'), key: 'stage', render: (_, deal) => deal.stage.name },
          {
            title: t('pipeline.col.status'),
            key: 'status',
            render: (_, deal) => (
              <Tag color={deal.status === 'WON' ? 'green' : deal.status === 'LOST' ? 'red' : 'blue'}>
                {t(`pipeline.status.${deal.status}`)}
              </Tag>
            ),
          },
          {
            title: t('pipeline.col.amount'),
            key: 'amount',
            align: 'right',
            render: (_, deal) => formatMoney(deal.amount, locale),
          },
          { title: t('pipeline.col.probability'), key: 'probability', render: (_, deal) => `${deal.probability}%` },
          {
            title: t('pipeline.col.expectedClose'),
            key: 'close',
            render: (_, deal) =>
              deal.expectedCloseDate ? formatDate(deal.expectedCloseDate, locale) : t('common.none'),
          },
          {
            title: t('pipeline.col.updated'),
            key: 'updated',
            render: (_, deal) => (
              <>
                {formatDateTime(deal.updatedAt, locale, timeZone)}
                {deal.isIdle && (
                  <Tag color="orange" style={{ marginLeft: 8 }}>
                    {t('pipeline.idleShort')}
                  </Tag>
                )}
              </>
            ),
          },
        ]}
      />
      {state.hasNextPage && (
        <Button style={{ marginTop: 12 }} loading={state.loading} onClick={state.loadMore}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}

/** The pipeline's deals as a table, filtered by stage and status, paged by cursor ("load more"). */
export function DealList({
  pipelineId,
  stages,
}: {
  pipelineId: string;
  stages: readonly { id: string; name: string }[];
}): ReactNode {
  const { t } = useTranslation();
  const [stageId, setStageId] = useState<string | undefined>();
  const [status, setStatus] = useState<OpportunityStatus | undefined>('OPEN');
  const filter = useMemo(() => ({ pipelineId, stageId, status }), [pipelineId, stageId, status]);
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
        <Select
          aria-label={t('pipeline.filterStage')}
          placeholder={t('pipeline.allStages')}
          allowClear
          style={{ minWidth: 180 }}
          value={stageId}
          onChange={(v: string | undefined) => setStageId(v)}
          options={stages.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          aria-label={t('pipeline.filterStatus')}
          placeholder={t('pipeline.allStatuses')}
          allowClear
          style={{ minWidth: 140 }}
          value={status}
          onChange={(v: OpportunityStatus | undefined) => setStatus(v)}
          options={STATUSES.map((s) => ({ value: s, label: t(`pipeline.status.${s}`) }))}
        />
      </Flex>
      <DealTable key={JSON.stringify(filter)} filter={filter} />
    </>
  );
}
