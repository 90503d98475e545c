import { Button, Flex, Segmented, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole, mayCall } from '../../auth/session';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { useAllTeams } from '../../components/use-all-teams';
import { formatDate, todayIn } from '../../format/format';
import type { PeriodKind } from '../../graphql/gen/graphql';
import { ForecastAdjustmentCard } from './ForecastAdjustmentCard';
import { ForecastQuery } from './forecast-queries';
import { ForecastQuotasCard } from './ForecastQuotasCard';
import { ForecastSnapshotsCard } from './ForecastSnapshotsCard';
import { ForecastTable, useForecastRows } from './ForecastTable';
import { periodStart } from './period-start';

/**
 * The forecast of the caller (a rep) or of a team they manage, per period: each rep by name with quota attainment,
 * the manager's adjustment, the recorded snapshots (compared with now) and the quotas.
 */
export function ForecastPage(): ReactNode {
  const { t } = useTranslation();
  const { user, locale, timeZone } = usePortal();
  const manager = hasRole(user, 'sales-manager', 'crm-admin');
  const admin = hasRole(user, 'crm-admin');
  // crm-admin sees every team's forecast (the realm's teams); a manager the teams they belong to.
  const { rows: realmTeams } = useAllTeams({ pause: !admin });
  const teamIds = admin ? realmTeams.map((team) => team.id) : (user.teams ?? []);
  const [kind, setKind] = useState<PeriodKind>('QUARTER');
  const [offset, setOffset] = useState(0);
  const [teamId, setTeamId] = useState<string | undefined>(manager ? user.teams?.[0] : undefined);
  const period = { kind, start: periodStart(kind, todayIn(timeZone), offset) };
  const scope = teamId ? { teamId } : { ownerId: user.id };
  const [{ data, error, fetching }, reload] = useQuery({ query: ForecastQuery, variables: { period, scope } });
  const forecast = data?.forecast;
  const rows = useForecastRows(forecast, user.id);
  const refresh = (): void => reload({ requestPolicy: 'network-only' });

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
              ...teamIds.map((id) => ({ value: id, label: t('forecast.team', { team: id }) })),
              { value: 'me', label: t('forecast.myOwn') },
            ]}
          />
        )}
      </Flex>
      {error ? (
        <QueryError error={error} retry={refresh} />
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
          <ForecastTable rows={rows} />
          {forecast.team && teamId && (
            <ForecastAdjustmentCard
              forecast={forecast}
              teamId={teamId}
              period={period}
              canAdjust={mayCall(user, 'Mutation.adjustTeamForecast')}
              onSaved={refresh}
            />
          )}
          <ForecastSnapshotsCard
            period={period}
            scope={scope}
            canRecord={mayCall(user, 'Mutation.recordForecastSnapshot')}
          />
          <ForecastQuotasCard
            period={period}
            periodLabel={forecast.period.label}
            teamId={teamId}
            ownerId={teamId ? undefined : user.id}
            currency={forecast.companyCurrency}
            canSet={mayCall(user, 'Mutation.setQuota')}
            onChanged={refresh}
          />
        </>
      )}
    </>
  );
}
