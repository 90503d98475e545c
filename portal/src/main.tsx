import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PortalRuntimeConfig } from '../server/runtime-config';
import { PortalApp } from './app/PortalApp';
import { PortalSession } from './auth/session';
import { initI18n, initialLocale } from './i18n/i18n';
import './portal.css';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const locale = initialLocale();
  const i18n = await initI18n(locale);
  let config: PortalRuntimeConfig;
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    config = (await response.json()) as PortalRuntimeConfig;
  } catch {
    root.render(<p role="alert">{i18n.t('session.configError')}</p>);
    return;
  }
  const session = new PortalSession(config);
  root.render(
    <StrictMode>
      <PortalApp session={session} config={config} initialLocale={locale} />
    </StrictMode>,
  );
  await session.start(locale);
}

void boot();
