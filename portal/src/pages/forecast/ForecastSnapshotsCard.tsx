import { App, Button, Card, Flex, Modal, Table, Tag, Typography } from 'antd';
import Decimal from 'decimal.js';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { useCursorPages } from '../../components/use-cursor-pages';
import { formatDateTime, formatMoney, type MoneyValue } from '../../format/format';
import type {
  ForecastPeriodInput,
  ForecastScopeInput,
  ForecastSnapshotsQuery as SnapshotsData,
} from '../../graphql/gen/graphql';
import { ForecastQuery, ForecastSnapshotsQuery, RecordForecastSnapshotMutation } from './forecast-queries';
import { ForecastPagedTable } from './ForecastPagedTable';
import { MoneyCell, useForecastRows, type ForecastRow } from './ForecastTable';
import { useScrollRegion } from './use-scroll-region';
import { useErrorToast } from '../../components/use-error-toast';

type Snapshot = SnapshotsData['forecastSnapshots']['edges'][number]['node'];

const COMPARED = ['closed', 'commit', 'bestCase'] as const;

/** The figure now, and what it was when recorded with the change since (decimal.js: never float arithmetic). */
function Compared({ then, now }: { then: MoneyValue | undefined; now: MoneyValue | undefined }): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  if (!now || !then) return <MoneyCell money={now ?? then} />;
  const change = new Decimal(now.amount).minus(then.amount);
  const shown = formatMoney({ amount: change.abs().toFixed(), currencyCode: now.currencyCode }, locale);
  return (
    <Flex vertical align="end">
      <MoneyCell money={now} />
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {t('forecast.snapshots.was', { amount: formatMoney(then, locale) })}
        {change.isZero() ? '' : ` (${change.isNegative() ? '−' : '+'}${shown})`}
      </Typography.Text>
    </Flex>
  );
}

/**
 * One recorded snapshot beside the forecast as it is now, line by line: read afresh when the comparison opens (deals
 * move while the page stays open, and "now" must not be the page's earlier load).
 */
function SnapshotComparison({
  snapshot,
  period,
  scope,
  myId,
}: {
  snapshot: Snapshot;
  period: ForecastPeriodInput;
  scope: ForecastScopeInput;
  myId: string;
}): ReactNode {
  const [{ data, error }, reload] = useQuery({
    query: ForecastQuery,
    variables: { period, scope },
    requestPolicy: 'network-only',
  });
  const { t } = useTranslation();
  const wrapper = useRef<HTMLDivElement>(null);
  useScrollRegion(wrapper, t('forecast.snapshots.compare'));
  const thenRows = useForecastRows(snapshot.forecast, myId);
  const nowRows = useForecastRows(data?.forecast, myId);
  if (error && !data) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (!data) return <PageSkeleton rows={3} />;
  const keys = [...new Set([...thenRows, ...nowRows].map((r) => r.key))];
  const rows = keys.map((key) => ({
    key,
    who: (nowRows.find((r) => r.key === key) ?? thenRows.find((r) => r.key === key))!.who,
    then: thenRows.find((r) => r.key === key),
    now: nowRows.find((r) => r.key === key),
  }));
  const heading = {
    closed: 'forecast.col.closed',
    commit: 'forecast.col.commit',
    bestCase: 'forecast.col.bestCase',
  } as const;
  return (
    <div ref={wrapper}>
      <Table<{ key: string; who: string; then?: ForecastRow; now?: ForecastRow }>
        rowKey="key"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: t('forecast.col.who'), key: 'who', fixed: 'left', render: (_, r) => <strong>{r.who}</strong> },
          ...COMPARED.map((f) => ({
            title: t(heading[f]),
            key: f,
            align: 'right' as const,
            render: (_: unknown, r: { then?: ForecastRow; now?: ForecastRow }) => (
              <Compared then={r.then?.figures[f]} now={r.now?.figures[f]} />
            ),
          })),
        ]}
      />
    </div>
  );
}

/** The recorded roll-ups of this scope and period (who, when, why), recording one now, and comparing one with now. */
export function ForecastSnapshotsCard({
  period,
  scope,
  canRecord,
}: {
  period: ForecastPeriodInput;
  scope: ForecastScopeInput;
  canRecord: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const { user, locale, timeZone } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const variables = useMemo(
    () => ({ period, scope }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the period and scope objects are rebuilt each render; their values decide
    [period.kind, period.start, scope.ownerId, scope.teamId],
  );
  const list = useCursorPages(ForecastSnapshotsQuery, variables, (data) => data.forecastSnapshots);
  const [{ fetching: recording }, record] = useMutation(RecordForecastSnapshotMutation);
  const [open, setOpen] = useState<Snapshot | null>(null);

  async function recordNow(): Promise<void> {
    const result = await record({ period, scope, idempotencyKey: crypto.randomUUID() });
    if (result.error) showError(result.error);
    else {
      void message.success(t('forecast.snapshots.recorded'));
      list.refresh();
    }
  }

  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('forecast.snapshots.title', { total: list.totalCount })}</h2>}
      extra={
        canRecord && (
          <Button loading={recording} onClick={() => void recordNow()}>
            {t('forecast.snapshots.record')}
          </Button>
        )
      }
    >
      <ForecastPagedTable<Snapshot>
        list={list}
        emptyText={t('forecast.snapshots.empty')}
        columns={[
          {
            title: t('forecast.snapshots.when'),
            key: 'when',
            render: (_, s) => formatDateTime(s.computedAt, locale, timeZone),
          },
          {
            title: t('forecast.snapshots.why'),
            key: 'why',
            render: (_, s) => <Tag>{t(`forecast.snapshots.reason.${s.reason}`)}</Tag>,
          },
          {
            title: t('forecast.snapshots.who'),
            key: 'who',
            render: (_, s) => s.computedByUser?.displayName ?? t('forecast.snapshots.system'),
          },
          {
            title: t('forecast.snapshots.actions'),
            key: 'open',
            render: (_, s) => (
              <Button size="small" onClick={() => setOpen(s)}>
                {t('forecast.snapshots.compare')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!open}
        width={900}
        title={
          open
            ? t('forecast.snapshots.compareTitle', { at: formatDateTime(open.computedAt, locale, timeZone) })
            : undefined
        }
        footer={<Button onClick={() => setOpen(null)}>{t('forecast.snapshots.close')}</Button>}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        {open && (
          <>
            <Typography.Paragraph type="secondary">{t('forecast.snapshots.compareHint')}</Typography.Paragraph>
            <SnapshotComparison snapshot={open} period={period} scope={scope} myId={user.id} />
          </>
        )}
      </Modal>
    </Card>
  );
}
