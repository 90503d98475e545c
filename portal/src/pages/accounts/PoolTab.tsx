import { App, Alert, Button, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../format/format';
import { EMPTY_CRITERIA, type AccountCriteria } from './account-criteria';
import { AccountFilters } from './AccountFilters';
import { AccountsTable, type AccountRow } from './AccountsTable';
import { AccountsClaimMutation, AccountsPoolQuotaQuery } from './accounts-queries';
import { useErrorToast } from '../../components/use-error-toast';

/** The caller's claims today against the daily cap, owned accounts against the maximum, and when the day resets. */
export function PoolQuotaCard(): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const [{ data, error, fetching }, reload] = useQuery({ query: AccountsPoolQuotaQuery });
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={2} />;
  if (!data) return null;
  const q = data.poolQuota;
  const full = q.claimsToday >= q.dailyClaimCap || q.ownedAccounts >= q.maxOwnedAccounts;
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          {t('accounts.quotaTitle')}
        </Typography.Title>
      }
    >
      <Row gutter={[16, 8]}>
        <Col xs={12}>
          <Statistic title={t('accounts.quotaClaims')} value={q.claimsToday} suffix={`/ ${q.dailyClaimCap}`} />
        </Col>
        <Col xs={12}>
          <Statistic title={t('accounts.quotaOwned')} value={q.ownedAccounts} suffix={`/ ${q.maxOwnedAccounts}`} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('accounts.quotaResets', { when: formatDateTime(q.dayEndsAt, locale, q.timeZone), zone: q.timeZone })}
      </Typography.Paragraph>
      {full && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('accounts.quotaFull')} />}
    </Card>
  );
}

/** The shared pool (公海): unowned accounts anyone in sales may claim, within their quota. */
export function PoolTab(): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  // Claiming and its quota are for sellers; other roles browse the pool without a button that would be refused.
  const claims = mayCall(user, 'Mutation.claimAccount');
  const [criteria, setCriteria] = useState<AccountCriteria>(EMPTY_CRITERIA);
  const [claiming, setClaiming] = useState<string | null>(null);
  const [, claim] = useMutation(AccountsClaimMutation);
  const [, reloadQuota] = useQuery({ query: AccountsPoolQuotaQuery, pause: true });

  async function claimRow(row: AccountRow): Promise<void> {
    setClaiming(row.id);
    const { error } = await claim({ accountId: row.id });
    setClaiming(null);
    if (error) showError(error);
    else {
      void message.success(t('accounts.claimed', { name: row.name }));
      // The list refreshes by itself (the mutation returns an Account); the quota is another type.
      reloadQuota({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Flex vertical gap={16}>
      {mayCall(user, 'Query.poolQuota') && <PoolQuotaCard />}
      <AccountFilters value={criteria} onChange={setCriteria} inPool />
      <AccountsTable
        criteria={criteria}
        inPool
        emptyText={t('accounts.emptyPool')}
        action={
          claims
            ? (row) => (
                <Button
                  size="small"
                  type="primary"
                  loading={claiming === row.id}
                  onClick={() => void claimRow(row)}
                  aria-label={`${t('accounts.claim')} ${row.name}`}
                >
                  {t('accounts.claim')}
                </Button>
              )
            : undefined
        }
      />
    </Flex>
  );
}
