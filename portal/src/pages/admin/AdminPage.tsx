import { Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePortal } from '../../app/portal-context';
import { hasRole } from '../../auth/session';
import { NoAccess } from '../../components/QueryError';
import { AssignmentRulesTab } from './AssignmentRulesTab';
import { CustomFieldsTab } from './CustomFieldsTab';
import { PipelinesTab } from './PipelinesTab';
import { PoolRulesTab } from './PoolRulesTab';
import { SlaTab } from './SlaTab';
import { UsersTab } from './UsersTab';

const TABS = ['pipelines', 'sla', 'pool', 'rules', 'fields', 'users'] as const;
type Tab = (typeof TABS)[number];

/** The administrator's settings: pipelines, SLA and calendars, pool rules, assignment and custom fields; users. */
export function AdminPage(): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const [params, setParams] = useSearchParams();
  if (!hasRole(user, 'crm-admin')) return <NoAccess />;
  const requested = params.get('tab');
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : 'pipelines';
  const content: Record<Tab, ReactNode> = {
    pipelines: <PipelinesTab />,
    sla: <SlaTab />,
    pool: <PoolRulesTab />,
    rules: <AssignmentRulesTab />,
    fields: <CustomFieldsTab />,
    users: <UsersTab />,
  };
  return (
    <>
      <Typography.Title level={2}>{t('admin.title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={TABS.map((key) => ({ key, label: t(`admin.tabs.${key}`), children: content[key] }))}
      />
    </>
  );
}
