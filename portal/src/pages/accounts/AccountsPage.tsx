import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
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
  const [criteria, setCriteria] = useState<AccountCriteria>(EMPTY_CRITERIA);
  const [selected, setSelected] = useState<AccountRow[]>([]);
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
        onSelect={setSelected}
        emptyText={t('accounts.empty')}
      />
    </Flex>
  );
}

/** The accounts page: the list and the pool, and the new-account drawer. */
export function AccountsPage(): ReactNode {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tab = params.get('tab') === 'pool' ? 'pool' : 'all';
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('accounts.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('accounts.newAccount')}
        </Button>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'pool' ? { tab: 'pool' } : {})}
        items={[
          { key: 'all', label: t('accounts.tabAll'), children: <AllAccountsTab /> },
          { key: 'pool', label: t('accounts.tabPool'), children: <PoolTab /> },
        ]}
      />
      <CreateAccountDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
