import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNAnt from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import type { PortalRuntimeConfig } from '../../server/runtime-config';
import type { PortalSession, SessionState } from '../auth/session';
import { createGraphqlClient } from '../graphql/client';
import { rememberLocale, type Locale } from '../i18n/i18n';
import { SessionEndedPage } from '../pages/status/SessionEndedPage';
import { PortalContext } from './portal-context';
import { PORTAL_THEME } from './portal-theme';
import { createPortalRouter } from './routes';

/** The routes, created once signed in: after the login callback's URL was replaced by where the user was going. */
function SignedInRoutes(): ReactNode {
  const [router] = useState(createPortalRouter);
  return <RouterProvider router={router} />;
}

/** Language, session and data providers around the routes; the session-ended page replaces everything when due. */
export function PortalApp(props: {
  session: PortalSession;
  config: PortalRuntimeConfig;
  initialLocale: Locale;
}): ReactNode {
  const { session, config } = props;
  const { t } = useTranslation();
  const [state, setState] = useState<SessionState>(session.state);
  const [locale, setLocaleState] = useState<Locale>(props.initialLocale);
  useEffect(() => session.subscribe(setState), [session]);
  const client = useMemo(() => createGraphqlClient(session), [session]);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);

  const setLocale = (next: Locale): void => {
    rememberLocale(next);
    dayjs.locale(next === 'zh-CN' ? 'zh-cn' : 'en');
    void i18next.changeLanguage(next);
    setLocaleState(next);
  };
  useEffect(() => {
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  }, [locale]);

  let body: ReactNode;
  if (state.kind === 'ended') body = <SessionEndedPage onSignIn={() => void session.login(locale)} />;
  else if (state.kind === 'redirecting')
    body = (
      <main style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" description={t('session.loading')} />
      </main>
    );
  else
    body = (
      <PortalContext.Provider value={{ user: state.user, session, config, locale, setLocale, timeZone }}>
        <UrqlProvider value={client}>
          <SignedInRoutes />
        </UrqlProvider>
      </PortalContext.Provider>
    );

  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNAnt : enUS} theme={PORTAL_THEME}>
      <AntApp>{body}</AntApp>
    </ConfigProvider>
  );
}
