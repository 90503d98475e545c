import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Segmented,
  Select,
  Table,
  Typography,
  App,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole } from '../../auth/session';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime, formatMoney, todayIn } from '../../format/format';
import { describeError } from '../../graphql/errors';
import type { ForecastFiguresFieldsFragment, ForecastViewQuery, PeriodKind } from '../../graphql/gen/graphql';
import { AdjustTeamForecastMutation, ForecastQuery } from './forecast-queries';
import { periodStart } from './period-start';

type Row = {
  key: string;
  who: string;
  figures: ForecastFiguresFieldsFragment;
  quota: { amount: string; currencyCode: string } | null | undefined;
  attainment: string | null | undefined;
};

/** Attainment as the API gives it (a ratio as a decimal string): shown, never summed. */
function Attainment({ ratio }: { ratio: string | null | undefined }): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  if (!ratio) return <Typography.Text type="secondary">{t('forecast.noQuota')}</Typography.Text>;
  const percent = Number(ratio) * 100;
  const label = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(Number(ratio));
  return (
    <Flex vertical>
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={Math.min(percent, 100)} showInfo={false} size="small" aria-label={label} />
    </Flex>
  );
}

/** The forecast of the caller (a rep) or of a team they manage, per period, with quota attainment and the adjustment. */
export function ForecastPage(): ReactNode {
  const { t } = useTranslation();
  const { user, locale, timeZone } = usePortal();
  const { message } = App.useApp();
  const manager = hasRole(user, 'sales-manager', 'crm-admin');
  const [kind, setKind] = useState<PeriodKind>('QUARTER');
  const [offset, setOffset] = useState(0);
  const [teamId, setTeamId] = useState<string | undefined>(manager ? user.teams?.[0] : undefined);
  const [adjusting, setAdjusting] = useState(false);
  const [form] = Form.useForm<{ commit?: string; bestCase?: string; note?: string }>();
  const period = { kind, start: periodStart(kind, todayIn(timeZone), offset) };
  const scope = teamId ? { teamId } : { ownerId: user.id };
  // A team's reps are named from the team's users (the forecast holds their ids only).
  const [{ data, error, fetching }, reload] = useQuery({
    query: ForecastQuery,
    variables: { period, scope, teamId, withNames: !!teamId },
  });
  const [{ fetching: saving }, adjust] = useMutation(AdjustTeamForecastMutation);
  const forecast: ForecastViewQuery['forecast'] | undefined = data?.forecast;
  const names = new Map((data?.users?.edges ?? []).map(({ node }) => [node.id, node.displayName]));

  const rows: Row[] = [
    ...(forecast?.team
      ? [
          {
            key: 'team',
            who: t('forecast.teamTotal', { team: forecast.team.teamId }),
            figures: forecast.team.figures,
            quota: forecast.team.quota,
            attainment: forecast.team.attainment,
          },
        ]
      : []),
    ...(forecast?.reps ?? []).map((r) => ({
      key: r.ownerId,
      who: r.ownerId === user.id ? t('forecast.me') : (names.get(r.ownerId) ?? r.ownerId),
      figures: r.figures,
      quota: r.quota,
      attainment: r.attainment,
    })),
  ];
  const money = (m: { amount: string; currencyCode: string } | null | undefined): string =>
    m ? formatMoney(m, locale) : t('common.none');

  return (
    <>
      <Typography.Title level={2}>{t('forecast.title')}</Typography.Title>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<PeriodKind>
          aria-label={t('forecast.periodKind')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setOffset(0);
          }}
          options={(['MONTH', 'QUARTER', 'YEAR'] as const).map((k) => ({ value: k, label: t(`forecast.kind.${k}`) }))}
        />
        <Button onClick={() => setOffset(offset - 1)} aria-label={t('forecast.previous')}>
          ‹
        </Button>
        <Typography.Text strong>{forecast?.period.label ?? '…'}</Typography.Text>
        <Button onClick={() => setOffset(offset + 1)} aria-label={t('forecast.next')}>
          ›
        </Button>
        {manager && (
          <Select
            aria-label={t('forecast.scope')}
            style={{ minWidth: 180 }}
            value={teamId ?? 'me'}
            onChange={(v: string) => setTeamId(v === 'me' ? undefined : v)}
            options={[
              ...(user.teams ?? []).map((id) => ({ value: id, label: t('forecast.team', { team: id }) })),
              { value: 'me', label: t('forecast.myOwn') },
            ]}
          />
        )}
      </Flex>
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : !forecast ? (
        fetching && <PageSkeleton rows={6} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('forecast.asOf', {
              currency: forecast.companyCurrency,
              date: formatDate(forecast.asOf, locale),
              start: formatDate(forecast.period.start, locale),
              end: formatDate(forecast.period.end, locale),
            })}
          </Typography.Paragraph>
          <Table<Row>
            rowKey="key"
            size="middle"
            pagination={false}
            scroll={{ x: 960 }}
            dataSource={rows}
            locale={{ emptyText: t('forecast.empty') }}
            columns={[
              { title: t('forecast.col.who'), key: 'who', fixed: 'left', render: (_, r) => <strong>{r.who}</strong> },
              {
                title: t('forecast.col.closed'),
                key: 'closed',
                align: 'right',
                render: (_, r) => money(r.figures.closed),
              },
              {
                title: t('forecast.col.commit'),
                key: 'commit',
                align: 'right',
                render: (_, r) => money(r.figures.commit),
              },
              {
                title: t('forecast.col.bestCase'),
                key: 'best',
                align: 'right',
                render: (_, r) => money(r.figures.bestCase),
              },
              {
                title: t('forecast.col.pipeline'),
                key: 'pipe',
                align: 'right',
                render: (_, r) => money(r.figures.pipeline),
              },
              {
                title: t('forecast.col.weighted'),
                key: 'weighted',
                align: 'right',
                render: (_, r) => money(r.figures.weightedPipeline),
              },
              { title: t('forecast.col.quota'), key: 'quota', align: 'right', render: (_, r) => money(r.quota) },
              {
                title: t('forecast.col.attainment'),
                key: 'att',
                width: 160,
                render: (_, r) => <Attainment ratio={r.attainment} />,
              },
            ]}
          />
          {forecast.team && (
            <Card
              style={{ marginTop: 16 }}
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('forecast.adjustment')}</h2>}
              extra={manager && <Button onClick={() => setAdjusting(true)}>{t('forecast.adjust')}</Button>}
            >
              {forecast.team.adjusted ? (
                <Typography.Paragraph>
                  {t('forecast.adjustedLine', {
                    commit: money(forecast.team.adjusted.commit),
                    bestCase: money(forecast.team.adjusted.bestCase),
                    at: formatDateTime(forecast.team.adjusted.adjustedAt, locale, timeZone),
                  })}
                  {forecast.team.adjusted.note ? ` · “${forecast.team.adjusted.note}”` : ''}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">{t('forecast.notAdjusted')}</Typography.Text>
              )}
            </Card>
          )}
        </>
      )}
      <Modal
        open={adjusting}
        title={t('forecast.adjustTitle', { period: forecast?.period.label ?? '' })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onCancel={() => setAdjusting(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="adjust-forecast"
          onFinish={async (values) => {
            if (!teamId) return;
            const result = await adjust({
              teamId,
              period,
              commit: values.commit?.trim() || undefined,
              bestCase: values.bestCase?.trim() || undefined,
              note: values.note?.trim() || undefined,
            });
            if (result.error) void message.error(describeError(result.error, t));
            else {
              void message.success(t('forecast.adjusted'));
              setAdjusting(false);
              reload({ requestPolicy: 'network-only' });
            }
          }}
        >
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('forecast.adjustHint')} />
          {(['commit', 'bestCase'] as const).map((field) => (
            <Form.Item
              key={field}
              name={field}
              label={t(`forecast.col.${field}`) + ` (${forecast?.companyCurrency ?? ''})`}
              rules={[{ pattern: /^\d+(\.\d+)?$/, message: t('forecast.amountRule') }]}
            >
              <Input inputMode="decimal" autoComplete="off" />
            </Form.Item>
          ))}
          <Form.Item name="note" label={t('forecast.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
