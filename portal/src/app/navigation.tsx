import {
  AuditOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  FunnelPlotOutlined,
  LineChartOutlined,
  SettingOutlined,
  ShopOutlined,
  UploadOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { CrmRole, SignedInUser } from '../auth/session';
import type { en } from '../i18n/en';

/** One main page of the portal: its path, menu label, icon and who sees it in the menu. */
export interface NavEntry {
  path: string;
  label: keyof typeof en.nav;
  icon: ReactNode;
  /** Who sees the entry; the services still decide what each caller may read (a typed URL gets their answer). */
  roles: readonly CrmRole[] | 'everyone';
}

export const NAVIGATION: readonly NavEntry[] = [
  { path: '/', label: 'myDay', icon: <CalendarOutlined />, roles: 'everyone' },
  { path: '/accounts', label: 'accounts', icon: <ShopOutlined />, roles: 'everyone' },
  { path: '/leads', label: 'leads', icon: <UserAddOutlined />, roles: ['sales-rep', 'sales-manager', 'crm-admin'] },
  {
    path: '/pipeline',
    label: 'pipeline',
    icon: <FunnelPlotOutlined />,
    roles: ['sales-rep', 'sales-manager', 'crm-admin'],
  },
  {
    path: '/forecast',
    label: 'forecast',
    icon: <LineChartOutlined />,
    roles: ['sales-rep', 'sales-manager', 'finance', 'auditor', 'crm-admin'],
  },
  {
    path: '/tickets',
    label: 'tickets',
    icon: <CustomerServiceOutlined />,
    roles: ['service-agent', 'service-manager', 'crm-admin'],
  },
  { path: '/import', label: 'import', icon: <UploadOutlined />, roles: ['sales-rep', 'sales-manager', 'crm-admin'] },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, roles: ['auditor', 'crm-admin'] },
  { path: '/admin', label: 'admin', icon: <SettingOutlined />, roles: ['crm-admin'] },
];

export function visibleNavigation(user: SignedInUser, implemented: ReadonlySet<string>): NavEntry[] {
  return NAVIGATION.filter(
    (entry) =>
      implemented.has(entry.path) && (entry.roles === 'everyone' || entry.roles.some((r) => user.roles.includes(r))),
  );
}
