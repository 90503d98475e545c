import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { EMPTY_CRITERIA, type AccountCriteria } from './account-criteria';
import { AccountBulkActions } from './AccountBulkActions';
import { AccountFilters } from './AccountFilters';
import { AccountsTable, type AccountRow } from './AccountsTable';
import { CreateAccountDrawer } from './CreateAccountDrawer';
import { PoolTab } from './PoolTab';
import { SavedAccountViews } from './SavedAccountViews';

/** Every account the caller may see: search, filters, saved views and bulk actions. */
function AllAccountsTab(): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const [criteria, setCriteria] = useState<AccountCriteria>(EMPTY_CRITERIA);
  const [selected, setSelected] = useState<AccountRow[]>([]);
  // Selection exists only for the bulk actions: a read-only role gets no checkboxes leading to a refusal.
  const bulk =
    mayCall(user, 'Mutation.bulkAssignAccounts') ||
    mayCall(user, 'Mutation.bulkTagAccounts') ||
    mayCall(user, 'Mutation.bulkReleaseAccounts');
  // Bulk results carry no accounts for the cache to notice: a new key reads the list again.
  const [listVersion, setListVersion] = useState(0);
  return (
    <Flex vertical gap={12}>
      <SavedAccountViews criteria={criteria} onApply={setCriteria} />
      <AccountFilters value={criteria} onChange={setCriteria} inPool={false} />
      {selected.length > 0 && (
        <AccountBulkActions
          selected={selected}
          onClear={() => setSelected([])}
          onDone={() => setListVersion((v) => v + 1)}
        />
      )}
      <AccountsTable
        key={listVersion}
        criteria={criteria}
        inPool={false}
        selected={selected}
        onSelect={bulk ? setSelected : undefined}
        emptyText={t('accounts.empty')}
      />
    </Flex>
  );
}

/** The accounts page: the list and the pool, and the new-account drawer. */
export function AccountsPage(): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const creates = mayCall(user, 'Mutation.createAccount');
  const tab = params.get('tab') === 'pool' ? 'pool' : 'all';
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('accounts.title')}
        </Typography.Title>
        {creates && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('accounts.newAccount')}
          </Button>
        )}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'pool' ? { tab: 'pool' } : {})}
        items={[
          { key: 'all', label: t('accounts.tabAll'), children: <AllAccountsTab /> },
          { key: 'pool', label: t('accounts.tabPool'), children: <PoolTab /> },
        ]}
      />
      {creates && <CreateAccountDrawer open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
