import { Flex, Progress, Table, Typography } from 'antd';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatMoney, type MoneyValue } from '../../format/format';
import type { ForecastFiguresFieldsFragment, ForecastLinesFieldsFragment } from '../../graphql/gen/graphql';
import { useScrollRegion } from './use-scroll-region';

export interface ForecastRow {
  key: string;
  who: string;
  figures: ForecastFiguresFieldsFragment;
  quota: MoneyValue | null | undefined;
  attainment: string | null | undefined;
}

/** Amounts never break mid-number: a narrow screen scrolls the table instead. */
export function MoneyCell({ money }: { money: MoneyValue | null | undefined }): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="forecast-money">
      {money ? formatMoney(money, locale) : t('common.none')}
    </span>
  );
}

/** Attainment as the API gives it (a ratio as a decimal string): shown, never summed. */
function Attainment({ ratio }: { ratio: string | null | undefined }): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  if (!ratio) return <Typography.Text type="secondary">{t('forecast.noQuota')}</Typography.Text>;
  const percent = Number(ratio) * 100;
  const label = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(Number(ratio));
  return (
    <Flex vertical>
      <Typography.Text style={{ whiteSpace: 'nowrap' }}>{label}</Typography.Text>
      <Progress percent={Math.min(percent, 100)} showInfo={false} size="small" aria-label={label} />
    </Flex>
  );
}

/** The team's line first, then each rep by display name ("Me" for the caller). */
export function useForecastRows(forecast: ForecastLinesFieldsFragment | undefined, myId: string): ForecastRow[] {
  const { t } = useTranslation();
  if (!forecast) return [];
  return [
    ...(forecast.team
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
    ...forecast.reps.map((r) => ({
      key: r.ownerId,
      who: r.ownerId === myId ? t('forecast.me') : r.owner.displayName,
      figures: r.figures,
      quota: r.quota,
      attainment: r.attainment,
    })),
  ];
}

const FIGURES = ['closed', 'commit', 'bestCase', 'pipeline', 'weightedPipeline'] as const;
const HEADINGS = {
  closed: 'forecast.col.closed',
  commit: 'forecast.col.commit',
  bestCase: 'forecast.col.bestCase',
  pipeline: 'forecast.col.pipeline',
  weightedPipeline: 'forecast.col.weighted',
} as const;

/** The forecast's lines: who, each cumulative category, quota and attainment. */
export function ForecastTable({ rows }: { rows: ForecastRow[] }): ReactNode {
  const { t } = useTranslation();
  const wrapper = useRef<HTMLDivElement>(null);
  useScrollRegion(wrapper, t('forecast.title'));
  return (
    <div ref={wrapper}>
      <Table<ForecastRow>
        rowKey="key"
        size="middle"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: t('forecast.empty') }}
        columns={[
          { title: t('forecast.col.who'), key: 'who', fixed: 'left', render: (_, r) => <strong>{r.who}</strong> },
          ...FIGURES.map((f) => ({
            title: t(HEADINGS[f]),
            key: f,
            align: 'right' as const,
            render: (_: unknown, r: ForecastRow) => <MoneyCell money={r.figures[f]} />,
          })),
          {
            title: t('forecast.col.quota'),
            key: 'quota',
            align: 'right',
            render: (_, r) => <MoneyCell money={r.quota} />,
          },
          {
            title: t('forecast.col.attainment'),
            key: 'att',
            width: 140,
            render: (_, r) => <Attainment ratio={r.attainment} />,
          },
        ]}
      />
    </div>
  );
}
