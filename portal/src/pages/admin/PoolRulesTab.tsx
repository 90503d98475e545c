import { Alert, Descriptions, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatNumber } from '../../format/format';
import { usePortal } from '../../app/portal-context';
import { isForbidden } from '../../graphql/errors';
import { graphql } from '../../graphql/gen';

const AdminPoolQuotaQuery = graphql(`
  query AdminPoolQuota {
    poolQuota {
      dailyClaimCap
      maxOwnedAccounts
      timeZone
    }
  }
`);

/**
 * The customer pool's (公海) rules. They are the customer service's configuration (POOL_* variables), not data: the
 * API shows the caps through poolQuota; the rest is listed by the variable that sets it.
 */
export function PoolRulesTab(): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const [{ data, error, fetching }, reload] = useQuery({ query: AdminPoolQuotaQuery });
  // poolQuota answers the roles that claim (sales); for anyone else the caps are only named by their setting.
  if (error && !isForbidden(error)) {
    return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  }
  if (fetching && !data) return <PageSkeleton rows={4} />;
  const quota = data?.poolQuota;
  const setting = (variable: string, value?: string): string =>
    value === undefined ? t('admin.pool.fromConfig', { variable }) : `${value} (${variable})`;
  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon title={t('admin.pool.readOnly')} />
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'cap',
            label: t('admin.pool.dailyClaimCap'),
            children: setting('POOL_DAILY_CLAIM_CAP', quota && formatNumber(quota.dailyClaimCap, locale)),
          },
          {
            key: 'max',
            label: t('admin.pool.maxOwnedAccounts'),
            children: setting('POOL_MAX_OWNED_ACCOUNTS', quota && formatNumber(quota.maxOwnedAccounts, locale)),
          },
          { key: 'zone', label: t('admin.pool.timeZone'), children: setting('POOL_TIME_ZONE', quota?.timeZone) },
          {
            key: 'return',
            label: t('admin.pool.returnDays'),
            children: setting('POOL_RETURN_DAYS_A / _B / _C'),
          },
          { key: 'warning', label: t('admin.pool.warningDays'), children: setting('POOL_WARNING_DAYS') },
          { key: 'cooldown', label: t('admin.pool.cooldownDays'), children: setting('POOL_RECLAIM_COOLDOWN_DAYS') },
        ]}
      />
    </Flex>
  );
}
