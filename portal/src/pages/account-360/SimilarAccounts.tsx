import { App, Button, Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { Account360MergeMutation, Account360SimilarQuery } from './account-360-queries';
import type { Account360 } from './AccountProfile';
import { useErrorToast } from '../../components/use-error-toast';

/**
 * Accounts that may be the same company, found with the list's search (tax id first, it is the strongest match;
 * otherwise the name). Sales managers and crm-admin may merge one into this account.
 */
export function SimilarAccounts({ account }: { account: Account360 }): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message, modal } = App.useApp();
  const showError = useErrorToast();
  const search = account.taxId ?? account.name;
  const [{ data, error, fetching }, reload] = useQuery({ query: Account360SimilarQuery, variables: { search } });
  const [, merge] = useMutation(Account360MergeMutation);
  const mayMerge = mayCall(user, 'Mutation.mergeAccounts');
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={2} />;
  const others = (data?.accounts.edges ?? []).map((e) => e.node).filter((a) => a.id !== account.id);

  function confirmMerge(loser: { id: string; name: string }): void {
    void modal.confirm({
      title: t('account360.mergeConfirmTitle', { loser: loser.name, winner: account.name }),
      content: t('account360.mergeConfirmBody', { loser: loser.name, winner: account.name }),
      okText: t('account360.merge'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const result = await merge({ winnerId: account.id, loserId: loser.id });
        if (result.error) showError(result.error);
        else {
          void message.success(t('account360.mergedDone'));
          reload({ requestPolicy: 'network-only' });
        }
      },
    });
  }

  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('account360.similarHint')}</Typography.Text>
      {others.length === 0 ? (
        <Empty description={t('account360.similarNone')} />
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {others.map((other) => (
            <li key={other.id} style={{ marginBottom: 6 }}>
              <Flex gap={8} wrap align="center">
                <Link to={`/accounts/${other.id}`}>{other.name}</Link>
                {other.taxId && <Typography.Text type="secondary">{other.taxId}</Typography.Text>}
                {mayMerge && (
                  <Button size="small" onClick={() => confirmMerge(other)}>
                    {t('account360.mergeInto')}
                  </Button>
                )}
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}
