import { Alert, Descriptions, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatNumber } from '../../format/format';
import { usePortal } from '../../app/portal-context';
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
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={4} />;
  const quota = data?.poolQuota;
  const fromConfig = t('admin.pool.fromConfig');
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
            children: quota ? formatNumber(quota.dailyClaimCap, locale) : fromConfig,
          },
          {
            key: 'max',
            label: t('admin.pool.maxOwnedAccounts'),
            children: quota ? formatNumber(quota.maxOwnedAccounts, locale) : fromConfig,
          },
          { key: 'zone', label: t('admin.pool.timeZone'), children: quota?.timeZone ?? fromConfig },
          { key: 'return', label: t('admin.pool.returnDays'), children: `${fromConfig} (POOL_RETURN_DAYS_A/B/C)` },
          { key: 'warning', label: t('admin.pool.warningDays'), children: `${fromConfig} (POOL_WARNING_DAYS)` },
          {
            key: 'cooldown',
            label: t('admin.pool.cooldownDays'),
            children: `${fromConfig} (POOL_RECLAIM_COOLDOWN_DAYS)`,
          },
        ]}
      />
    </Flex>
  );
}
