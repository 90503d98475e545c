import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Select, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LOCALES, type Locale } from '../i18n/i18n';
import { visibleNavigation } from './navigation';
import { usePortal } from './portal-context';
import { IMPLEMENTED_PATHS } from './implemented-paths';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The frame of every signed-in page: menu (a drawer on phones), language, user and sign-out. */
export function AppLayout(): ReactNode {
  const { t } = useTranslation();
  const { user, session, locale, setLocale, timeZone } = usePortal();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const entries = visibleNavigation(user, IMPLEMENTED_PATHS);
  const selected = entries
    .filter((e) => (e.path === '/' ? location.pathname === '/' : location.pathname.startsWith(e.path)))
    .map((e) => e.path);

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      onClick={() => setDrawerOpen(false)}
      items={entries.map((e) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{t(`nav.${e.label}`)}</Link> }))}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="crm-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {!phone && (
        <Layout.Sider theme="light" width={208} style={{ borderRight: '1px solid #f0f0f0' }}>
          <nav aria-label={t('app.menu')}>
            <Typography.Title level={4} style={{ padding: '16px 24px', margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            {menu}
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: phone ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('app.menu')}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <div style={{ flex: 1 }} />
          <Space size={phone ? 4 : 12}>
            <Select<Locale>
              aria-label={t('app.language')}
              value={locale}
              onChange={setLocale}
              options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
              style={{ width: phone ? 100 : 120 }}
            />
            {!phone && (
              <Typography.Text title={t('app.timeZone', { zone: timeZone })} data-testid="signed-in-user">
                {user.displayName}
              </Typography.Text>
            )}
            <Button icon={<LogoutOutlined />} onClick={() => void session.logout()} aria-label={t('app.signOut')}>
              {phone ? null : t('app.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={260}
          title={t('app.name')}
        >
          <nav aria-label={t('app.menu')}>{menu}</nav>
        </Drawer>
        {/* antd renders Layout.Content as the page's <main> landmark. */}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
